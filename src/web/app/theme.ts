// The console's look. Contrast is tuned for WCAG AA (axe-core checks it in the browser tests): a darker
// primary shade, darker "dimmed" text, and light-variant badges and links with their darkest text shade.
import {
  type CSSVariablesResolver,
  createTheme,
  defaultVariantColorsResolver,
  parseThemeColor,
  type VariantColorsResolver,
} from "@mantine/core";

const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  if (input.variant !== "light") return colors;
  const parsed = parseThemeColor({ color: input.color ?? input.theme.primaryColor, theme: input.theme });
  if (!parsed.isThemeColor) return colors;
  const text = `color-mix(in srgb, var(--mantine-color-${parsed.color}-9), black 40%)`;
  return { ...colors, color: text, hoverColor: text };
};

export const theme = createTheme({
  primaryColor: "indigo",
  primaryShade: 7,
  defaultRadius: "md",
  variantColorResolver,
});

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { "--mantine-color-dimmed": "#555d65" },
  dark: {},
});
