import { DEFAULT_THEME } from "@mantine/core";
import { describe, expect, it } from "vitest";
import { STATUS_LOOK } from "./StatusBadge";

/** A badge colour as hex: a Mantine "name.shade" or a hex value. */
function hex(color: string): string {
  if (color.startsWith("#")) return color;
  const [name, shade] = color.split(".");
  return DEFAULT_THEME.colors[name][Number(shade)];
}

function luminance(color: string): number {
  const [r, g, b] = [1, 3, 5]
    .map((i) => parseInt(color.slice(i, i + 2), 16) / 255)
    .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

describe("StatusBadge", () => {
  it.each(Object.entries(STATUS_LOOK))("%s: white text on its colour has at least 4.5:1", (_state, look) => {
    const contrast = 1.05 / (luminance(hex(look.color)) + 0.05);
    expect(contrast).toBeGreaterThanOrEqual(4.5);
  });

  it("gives every state its own icon", () => {
    const icons = Object.values(STATUS_LOOK).map((l) => l.icon);
    expect(new Set(icons).size).toBe(icons.length);
  });
});
