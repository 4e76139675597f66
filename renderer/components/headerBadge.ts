import type { BadgeProps } from '@mantine/core';

/**
 * The header's badges (door, backup): at 1024 px in Spanish the header has no room for every word on one line, so
 * a badge wraps onto a second one rather than cutting its words short ("WAITI…"); it never gets narrower than its
 * longest word.
 */
export const headerBadgeProps = {
  size: 'lg',
  variant: 'light',
  tt: 'none',
  styles: {
    root: { height: 'auto', minHeight: 'var(--badge-height)', maxWidth: '11rem', minWidth: 'min-content', paddingBlock: 2, flexShrink: 0 },
    label: { whiteSpace: 'normal', overflow: 'visible', textOverflow: 'clip', lineHeight: 1.2, textAlign: 'center' },
  },
} satisfies Partial<BadgeProps>;
