import { useState } from 'react';
import { parseShelfLabel, type ShelfLabelSheet } from '../../src/contract';
import { invoke } from '../api/client';
import { useAction } from '../api/useAction';
import { useQuery } from '../api/useQuery';
import { currentLanguage } from '../i18n';

/** The page's one print frame: a batch replaces the one before, which may still be printing in its dialog. */
const frameId = 'packroom-shelf-labels';

/**
 * Prints a batch's page through the system's print dialog, from a hidden frame of its own (the page has no script and
 * loads nothing: the frame inherits the screen's policy). Resolves once the dialog was asked for.
 */
function printPage(html: string, title: string): Promise<void> {
  document.getElementById(frameId)?.remove();
  const frame = document.createElement('iframe');
  frame.id = frameId;
  frame.title = title;
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  // Not display: none, which some engines do not lay out (nor print); out of sight instead.
  Object.assign(frame.style, { position: 'fixed', right: '0', bottom: '0', width: '0', height: '0', border: '0' });
  return new Promise((resolve, reject) => {
    frame.onload = () => {
      try {
        frame.contentWindow!.focus();
        frame.contentWindow!.print();
        resolve();
      } catch (error) {
        reject(error as Error);
      }
    };
    frame.srcdoc = html;
    document.body.append(frame);
  });
}

/** Makes the page of these packages' labels (in the staff member's language, this computer's size) and prints it. */
export async function printShelfLabels(ids: number[], title: string): Promise<ShelfLabelSheet> {
  const sheet = await invoke('shelfLabels.sheet', { ids, language: currentLanguage() });
  await printPage(sheet.html, title);
  return sheet;
}

/**
 * Scanned text that is a shelf label opens its package: `open` gets its id. Returns false when the text is no label
 * (the caller treats it as a tracking number or a search), true when it was one, found or not (then `fail` says why).
 */
export async function openShelfLabel(text: string, open: (id: number) => void, fail: (error: Error) => void): Promise<boolean> {
  if (parseShelfLabel(text) === null) return false;
  try {
    open((await invoke('shelfLabels.find', { code: text })).id);
  } catch (error) {
    fail(error as Error);
  }
  return true;
}

/** Intake's "Print shelf label" switch, as this computer remembers it. */
export function usePrintOnIntake() {
  const settings = useQuery(() => invoke('shelfLabels.settings', {}), []);
  const [chosen, setChosen] = useState<boolean | null>(null);
  const shown = chosen ?? settings.data?.printOnIntake ?? false;
  // The switch moves at once (a click shows its effect); a refusal puts it back.
  const change = useAction(async (on: boolean) => {
    setChosen(on);
    try {
      setChosen((await invoke('shelfLabels.setPrintOnIntake', { on })).printOnIntake);
    } catch (error) {
      setChosen(shown);
      throw error;
    }
  });
  return { on: shown, set: change.run, busy: change.busy, error: change.error ?? settings.error };
}
