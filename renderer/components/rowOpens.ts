import type { KeyboardEvent, MouseEvent } from 'react';

/**
 * A table row that opens what it lists (a recipient, a package): a click anywhere on it, or Enter while it has
 * focus. A button or link inside the row keeps its own action: a click on one of those, one that ended a text
 * selection, or one inside a dialog the row's cells opened (React passes it up through the portal), is not the row's.
 */
export function rowOpens(open: () => void) {
  const inControl = (event: MouseEvent) =>
    !(event.target instanceof Element) ||
    !event.currentTarget.contains(event.target) ||
    event.target.closest('a, button, input, [role="button"]') !== null;
  return {
    tabIndex: 0,
    style: { cursor: 'pointer' },
    onClick: (event: MouseEvent) => {
      if (inControl(event) || (window.getSelection()?.toString() ?? '') !== '') return;
      open();
    },
    onKeyDown: (event: KeyboardEvent) => {
      if (event.key !== 'Enter' || event.target !== event.currentTarget) return;
      event.preventDefault();
      open();
    },
  };
}
