import {
  type CSSVariablesResolver,
  createTheme,
  darken,
  defaultVariantColorsResolver,
  parseThemeColor,
  type VariantColorsResolver,
} from "@mantine/core";

// Plain default-prop objects (not `Modal.extend`) keep the dialog components out of the
// first chunk; every close button gets an accessible name.
const closeButtonProps = { "aria-label": "Close" };

/**
 * Text on light, outline and subtle variants (badges, alerts, links in text) is the darkest
 * shade of its color, darkened further, so it keeps 4.5:1 on white and on its own tinted
 * background even for yellow and green (WCAG AA).
 */
const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  if (input.variant !== "light" && input.variant !== "outline" && input.variant !== "subtle") return colors;
  const parsed = parseThemeColor({ color: input.color || input.theme.primaryColor, theme: input.theme });
  if (!parsed.isThemeColor) return colors;
  const darkest = input.theme.colors[parsed.color]?.[9];
  const text = darkest ? darken(darkest, 0.3) : `var(--mantine-color-${parsed.color}-9)`;
  return {
    ...colors,
    color: text,
    border: input.variant === "outline" ? `1px solid var(--mantine-color-${parsed.color}-7)` : colors.border,
  };
};

/** Dimmed text, links and error messages dark enough for 4.5:1 on white (WCAG AA). */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    "--mantine-color-dimmed": "var(--mantine-color-gray-7)",
    "--mantine-color-anchor": "var(--mantine-color-blue-8)",
    "--mantine-color-error": "var(--mantine-color-red-9)",
  },
  dark: {},
});

export const theme = createTheme({
  primaryColor: "blue",
  primaryShade: { light: 8, dark: 8 },
  defaultRadius: "md",
  fontFamily: "Inter, system-ui, -apple-system, Segoe UI, Roboto, sans-serif",
  variantColorResolver,
  components: {
    Modal: { defaultProps: { closeButtonProps } },
    Drawer: { defaultProps: { closeButtonProps } },
    // Focus alone (a step opening, the first error being focused) must not drop a list over the
    // page; a click, typing or the arrow keys open it.
    Select: { defaultProps: { openOnFocus: false } },
    MultiSelect: { defaultProps: { openOnFocus: false } },
    Notification: {
      defaultProps: { closeButtonProps: { "aria-label": "Dismiss" } },
      styles: { description: { color: "var(--mantine-color-gray-8)" } },
    },
  },
});
