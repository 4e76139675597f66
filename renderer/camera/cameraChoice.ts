/**
 * The desk camera this browser uses (Settings → This computer). A camera's id from enumerateDevices() means something
 * only to the browser profile that listed it: it is kept in that profile (localStorage), not in the site's settings,
 * so another staff PC reaching the same server keeps its own camera, and no other node ever sees it.
 */
const key = 'packroom.deskCamera';

/** The chosen camera's deviceId, or null for none (the form works as without a camera). */
export function chosenCamera(): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function chooseCamera(deviceId: string | null): void {
  if (deviceId === null) localStorage.removeItem(key);
  else localStorage.setItem(key, deviceId);
  window.dispatchEvent(new Event(key));
}

/** Calls back when the choice changes in this page. */
export function onCameraChosen(listener: () => void): () => void {
  window.addEventListener(key, listener);
  return () => window.removeEventListener(key, listener);
}
