import { useEffect, useRef } from 'react';

/**
 * For a dialog whose content changes in place (form → result): the focus trap focused the form, so the
 * result's main button takes focus itself when it appears, instead of focus staying on a removed field.
 */
export function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}
