import type { BadgeProps } from '@mantine/core';

/**
 * The header's badges (door, backup): at 1024 px in Spanish the header has no room for every word on one line, so
 * a badge wraps onto a second one rather than cutting its words short ("WAITI…"); it never gets narrower than its
 * longest word.
 */
export const headerBadgeProps = {
  size: 'md',
  variant: 'light',
  tt: 'none',
  styles: {
    root: { height: 'auto', minHeight: 'var(--badge-height)', maxWidth: '10rem', minWidth: 'min-content', paddingBlock: 3, flexShrink: 0 },
    // Balanced: two lines of about the same length ("No door relay / set up"), not a word left alone on the second.
    label: { whiteSpace: 'normal', textWrap: 'balance', overflow: 'visible', textOverflow: 'clip', lineHeight: 1.2, textAlign: 'center' },
  },
} satisfies Partial<BadgeProps>;

/**
 * A badge in a table cell (a package's status, a device's): as wide as its words, so a narrow column wraps the
 * text around it instead of cutting the badge ("EN ES…", "DEVU…" on a Spanish screen).
 */
export const wholeBadgeProps = { styles: { root: { minWidth: 'max-content', flexShrink: 0 } } } satisfies Partial<BadgeProps>;
