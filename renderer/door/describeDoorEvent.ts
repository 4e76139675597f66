import type { DoorEvent } from '../../src/contract';
import { i18n, sentenceText } from '../i18n';

/** The core names where an entry came from by the device's role ('keypad', 'reader') or 'staff UI'. */
const deviceWords: Record<string, string> = { keypad: 'keypad', reader: 'reader', 'staff UI': 'staffUi' };

/** Where an entry came from in the screen's language; a name the core does not know stays as it came. */
export const doorDeviceLabel = (device: string) => {
  const word = deviceWords[device];
  return word ? i18n.t(`door.entryDevice.${word}`) : device;
};

/** A door event in the screen's language, its reason too (what staff typed stays as they typed it). */
export function describeDoorEvent(e: DoorEvent): { color: string; title: string; text: string } {
  const t = i18n.t.bind(i18n);
  const where = t('door.where', { via: t(`door.via.${e.via}`), device: doorDeviceLabel(e.device) });
  if (e.result === 'granted') {
    return {
      color: 'green.9',
      title: t('door.opened'),
      text: t('door.openedText', { name: e.recipientName ?? t('door.someone'), where, reason: sentenceText(e.reason) }),
    };
  }
  const title = e.result === 'locked-out' ? t('door.keypadLocked') : t('door.stayedClosed');
  return {
    color: e.result === 'locked-out' ? 'red.9' : 'orange.9',
    title,
    text: t('door.problemText', { reason: sentenceText(e.reason), where }),
  };
}
