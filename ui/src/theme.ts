import { DEFAULT_THEME, Select, createTheme, type MantineColorsTuple } from "@mantine/core";

/**
 * Shades 8 and 9 of each colour the UI uses, dark enough for 4.5:1 (F17 in docs/product.md: no
 * contrast failures): white text on filled buttons and badges, and shade-8 text on the light
 * variants' tinted backgrounds (Mantine's green.8 and orange.8 are near 3:1, blue.8 4.4:1 there).
 */
const DARK_SHADES: Record<string, [string, string]> = {
  blue: ["#1864ab", "#0f4c81"],
  green: ["#237032", "#1b5a28"],
  orange: ["#a63c0a", "#8a3208"],
  red: ["#c02525", "#a11d1d"],
  yellow: ["#8a5a00", "#6e4800"],
  grape: ["#862e9c", "#6c2580"],
  teal: ["#0b6e5f", "#08594d"],
  cyan: ["#0b6479", "#08505f"],
};

function withDarkShades(name: string, [eight, nine]: [string, string]): MantineColorsTuple {
  const base = DEFAULT_THEME.colors[name];
  return [base[0], base[1], base[2], base[3], base[4], base[5], base[6], base[7], eight, nine];
}

// Shade 8 for filled buttons, badges, links and light-variant text (Mantine's default 6 is below
// 4.5:1 with white text).
export const theme = createTheme({
  primaryColor: "blue",
  primaryShade: { light: 8, dark: 8 },
  defaultRadius: "md",
  colors: Object.fromEntries(Object.entries(DARK_SHADES).map(([name, shades]) => [name, withDarkShades(name, shades)])),
  // A ring on keyboard focus (:focus-visible), none on a mouse click (F17: visible focus).
  focusRing: "auto",
  components: {
    // A scrollable option list must be reachable by keyboard (axe: scrollable-region-focusable).
    Select: Select.extend({
      defaultProps: { scrollAreaProps: { viewportProps: { tabIndex: 0, role: "group" } } },
    }),
  },
});
