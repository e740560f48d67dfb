// The console's look. Contrast is tuned for WCAG AA (axe-core checks it in the browser tests): a darker
// primary shade, darker "dimmed" text, light-variant badges and links with their darkest text shade, and
// subtle buttons in the colour's darkest shade.
import {
  type CSSVariablesResolver,
  createTheme,
  defaultVariantColorsResolver,
  parseThemeColor,
  type VariantColorsResolver,
} from "@mantine/core";

const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  if (input.variant !== "light" && input.variant !== "subtle") return colors;
  const parsed = parseThemeColor({ color: input.color ?? input.theme.primaryColor, theme: input.theme });
  if (!parsed.isThemeColor) return colors;
  // Subtle buttons (row actions) keep their text readable on the tinted background they show on hover.
  const text =
    input.variant === "light"
      ? `color-mix(in srgb, var(--mantine-color-${parsed.color}-9), black 40%)`
      : `var(--mantine-color-${parsed.color}-9)`;
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
  // Error text under inputs in red 9, not red 6 (3.3:1 on white fails AA).
  light: { "--mantine-color-dimmed": "#555d65", "--mantine-color-error": "var(--mantine-color-red-9)" },
  dark: {},
});
