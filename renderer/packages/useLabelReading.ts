import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { labelImageLimits, type DeskReading, type LabelReaderStatus } from '../../src/contract';
import { invoke } from '../api/client';
import { chosenCamera, onCameraChosen } from '../camera/cameraChoice';
import { grayscale, SteadyFrames } from '../camera/steady';
import { i18n } from '../i18n';

/** off: no camera chosen. missing: the chosen camera is not plugged in (or went away). */
export type CameraState = 'off' | 'starting' | 'live' | 'missing' | 'denied' | 'failed';

export interface LabelReadingState {
  camera: CameraState;
  /** Counts the readings, so each new one is told from the one before. */
  readings: number;
  /** The label thread's state, asked while it loads (null until the desk needs it). */
  reader: LabelReaderStatus | null;
  reading: boolean;
  result: DeskReading | null;
  /** The picture `result` was read from (JPEG, base64): kept with the package as the label's photo. */
  photo: string | null;
  error: Error | null;
}

/** The camera chosen in Settings → This computer, followed as it changes. */
export function useChosenCamera(): string | null {
  const [camera, setCamera] = useState(chosenCamera);
  useEffect(() => onCameraChosen(() => setCamera(chosenCamera())), []);
  return camera;
}

// How often the small copy of the picture is compared: five times a second is steady enough for a hand-held parcel.
const sampleMs = 200;
const sample = { width: 64, height: 48 };

/** A picture as the desk sends it: a JPEG whose long side is at most labelImageLimits.longSide. */
async function toJpeg(source: CanvasImageSource, width: number, height: number): Promise<Blob> {
  const scale = Math.min(1, labelImageLimits.longSide / Math.max(width, height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  canvas.getContext('2d')!.drawImage(source, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error(i18n.t('camera.notImage')))), 'image/jpeg', 0.85),
  );
}

async function base64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

const cameraProblem = (error: unknown): CameraState => {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'missing';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  return 'failed';
};

/**
 * The desk's camera and its readings: a live view from `deviceId` whose steady pictures are read by the core
 * (`labels.read`), and `readFile` for a dropped or chosen photo. `onRead` gets each reading as it comes.
 */
export function useLabelReading(
  deviceId: string | null,
  video: RefObject<HTMLVideoElement | null>,
  onRead: (reading: DeskReading) => void,
) {
  const [state, setState] = useState<Omit<LabelReadingState, 'camera'>>({
    readings: 0,
    reader: null,
    reading: false,
    result: null,
    photo: null,
    error: null,
  });
  const [attempt, setAttempt] = useState(0);
  // The camera's state belongs to one device and one attempt: until that one answers, it is starting.
  const [cameraOf, setCameraOf] = useState<{ device: string; attempt: number; state: CameraState } | null>(null);
  const camera: CameraState = !deviceId
    ? 'off'
    : cameraOf?.device === deviceId && cameraOf.attempt === attempt
      ? cameraOf.state
      : 'starting';
  const busy = useRef(false);
  const steady = useRef(new SteadyFrames());
  const onReadRef = useRef(onRead);
  useEffect(() => {
    onReadRef.current = onRead;
  });
  const patch = useCallback((p: Partial<Omit<LabelReadingState, 'camera'>>) => setState((s) => ({ ...s, ...p })), []);

  const read = useCallback(
    async (frame: Blob) => {
      busy.current = true;
      patch({ reading: true, error: null });
      try {
        const photo = await base64(frame);
        const result = await invoke('labels.read', { image: photo });
        setState((s) => ({ ...s, reading: false, result, photo, readings: s.readings + 1 }));
        onReadRef.current(result);
      } catch (error) {
        // A picture that could not be read is tried again once it is steady again.
        steady.current.again();
        patch({ reading: false, result: null, photo: null, error: error as Error });
      } finally {
        busy.current = false;
      }
    },
    [patch],
  );

  // The reader's cold start, shown while it lasts: asked again each second until it is ready or cannot be.
  const wantsReader = deviceId !== null || state.reading;
  const readerState = state.reader?.state;
  useEffect(() => {
    if (!wantsReader || readerState === 'ready' || readerState === 'unavailable') return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let live = true;
    const ask = () =>
      invoke('labels.status', {}).then(
        (reader) => {
          if (!live) return;
          patch({ reader });
          if (reader.state === 'loading') timer = setTimeout(ask, 1000);
        },
        () => undefined,
      );
    void ask();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [wantsReader, readerState, patch]);

  // The live view: the chosen camera, let go when the screen closes or another camera is chosen.
  useEffect(() => {
    if (!deviceId) return;
    const cameraIs = (state: CameraState) => setCameraOf({ device: deviceId, attempt, state });
    let stream: MediaStream | null = null;
    let stopped = false;
    let timer: ReturnType<typeof setInterval> | undefined;
    const small = document.createElement('canvas');
    small.width = sample.width;
    small.height = sample.height;
    const context = small.getContext('2d', { willReadFrequently: true });
    const lost = () => {
      if (!stopped) cameraIs('missing');
      clearInterval(timer);
    };
    Promise.resolve()
      .then(() => {
        // An address the browser does not trust with a camera (plain http to another computer) has no mediaDevices.
        if (!navigator.mediaDevices?.getUserMedia) throw new DOMException('No camera API here', 'NotSupportedError');
        return navigator.mediaDevices.getUserMedia({
          video: { deviceId: { exact: deviceId }, width: { ideal: 1920 }, height: { ideal: 1080 } },
          audio: false,
        });
      })
      .then(async (s) => {
        stream = s;
        if (stopped) return s.getTracks().forEach((t) => t.stop());
        for (const track of s.getVideoTracks()) track.addEventListener('ended', lost);
        const view = video.current;
        if (!view) return;
        view.srcObject = s;
        await view.play().catch(() => undefined);
        cameraIs('live');
        timer = setInterval(() => {
          if (!context || view.readyState < 2 || view.videoWidth === 0) return;
          context.drawImage(view, 0, 0, sample.width, sample.height);
          const frame = grayscale(context.getImageData(0, 0, sample.width, sample.height).data);
          if (!steady.current.push(frame) || busy.current) return;
          void toJpeg(view, view.videoWidth, view.videoHeight).then(read, (error: Error) => patch({ error }));
        }, sampleMs);
      })
      .catch((error: unknown) => {
        if (!stopped) cameraIs(cameraProblem(error));
      });
    return () => {
      stopped = true;
      clearInterval(timer);
      stream?.getTracks().forEach((t) => t.stop());
    };
  }, [deviceId, attempt, video, patch, read]);

  /** A dropped or chosen file: scaled down like a camera frame when the browser can decode it, else sent as it is. */
  const readFile = useCallback(
    async (file: File) => {
      if (busy.current) return;
      let frame: Blob;
      try {
        const bitmap = await createImageBitmap(file);
        frame = await toJpeg(bitmap, bitmap.width, bitmap.height);
        bitmap.close();
      } catch {
        // Not a picture this browser decodes (a text file named .png, a HEIC): the core says what it is.
        if (file.size > labelImageLimits.maxBytes) {
          patch({ error: new Error(i18n.t('camera.notImage')), result: null });
          return;
        }
        frame = file;
      }
      await read(frame);
    },
    [read, patch],
  );

  /** After a package is logged: the panel empties and waits for the next steady picture. */
  const clear = useCallback(() => patch({ result: null, photo: null, error: null }), [patch]);

  return { ...state, camera, readFile, clear, retryCamera: () => setAttempt((a) => a + 1) };
}
