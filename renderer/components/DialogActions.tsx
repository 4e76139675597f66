import { Button, Group, type MantineColor } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { useTranslation } from '../i18n';

interface Props {
  /** The primary button's words: what the dialog does ("Hand over", "Done"). */
  label: string;
  /** Pressed instead of submitting the dialog's form, for a dialog without one. */
  onConfirm?: () => void;
  /** Cancel, on the left; left out once the dialog's work is done and only "Done" remains. */
  onCancel?: () => void;
  /** Where Cancel would mislead (the dialog's work has started, or was only to look): "Close", say. */
  cancelLabel?: string;
  busy?: boolean;
  disabled?: boolean;
  /** Red for what cannot be undone (revoke, return to sender). */
  color?: MantineColor;
  /**
   * The button that takes the focus when the footer appears: Cancel before a change that cannot be undone, the
   * primary button where a dialog's content turned into a result (the focus trap had focused a field now gone).
   */
  focus?: 'cancel' | 'primary';
}

/** The one footer of every dialog: Cancel, then the primary button, on the right. */
export function DialogActions({ label, onConfirm, onCancel, cancelLabel, busy, disabled, color, focus }: Props) {
  const { t } = useTranslation();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const primaryRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (focus) (focus === 'cancel' ? cancelRef : primaryRef).current?.focus();
  }, [focus]);
  return (
    <Group justify="flex-end">
      {onCancel && (
        <Button ref={cancelRef} variant="default" onClick={onCancel} data-autofocus={focus === 'cancel' || undefined}>
          {cancelLabel ?? t('common.cancel')}
        </Button>
      )}
      <Button
        ref={primaryRef}
        {...(onConfirm ? { onClick: onConfirm } : { type: 'submit' as const })}
        loading={busy}
        disabled={disabled}
        color={color}
        data-autofocus={focus === 'primary' || undefined}
      >
        {label}
      </Button>
    </Group>
  );
}
