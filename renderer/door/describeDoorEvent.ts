import type { DoorEvent } from '../../src/contract';
import { i18n, sentenceText } from '../i18n';

/** A door event in the screen's language, its reason too (what staff typed stays as they typed it). */
export function describeDoorEvent(e: DoorEvent): { color: string; title: string; text: string } {
  const t = i18n.t.bind(i18n);
  const where = t('door.where', { via: t(`door.via.${e.via}`), device: e.device });
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
