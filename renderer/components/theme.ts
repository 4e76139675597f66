import {
  DEFAULT_THEME,
  defaultVariantColorsResolver,
  parseThemeColor,
  type CSSVariablesResolver,
  type MantineColorsTuple,
  type VariantColorsResolver,
} from '@mantine/core';

// Mantine's default shades (6: white on indigo or teal, gray text for "dimmed", light badges and buttons)
// fall below WCAG AA contrast (4.5:1). These keep the same look one or more shades darker.

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    // Between gray 6 and 7: readable (4.9:1) yet still lighter than typed text.
    '--mantine-color-placeholder': '#6b7178',
  },
  dark: {},
});

/** Light variants (tinted background) get their colour's shade 9 as text. */
export const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  if (input.variant !== 'light') return colors;
  const parsed = parseThemeColor({ color: input.color ?? input.theme.primaryColor, theme: input.theme });
  if (!parsed.isThemeColor) return colors;
  return { ...colors, color: `var(--mantine-color-${parsed.color}-9)`, hoverColor: `var(--mantine-color-${parsed.color}-9)` };
};

const darkest = (name: 'green' | 'teal' | 'orange' | 'red', shade9: string): MantineColorsTuple =>
  [...DEFAULT_THEME.colors[name].slice(0, 9), shade9] as unknown as MantineColorsTuple;

/**
 * Bright hues whose shade 9 still falls short on their own tint (a green "Active" badge, a red "Return to
 * sender" button in a striped row): a darker 9.
 */
export const accessibleColors = {
  green: darkest('green', '#1e6b30'),
  teal: darkest('teal', '#06664a'),
  orange: darkest('orange', '#a8380b'),
  red: darkest('red', '#b02525'),
};
