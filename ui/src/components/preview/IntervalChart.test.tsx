import { MantineProvider } from "@mantine/core";
import { render, screen, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { describe, expect, it, vi } from "vitest";
import "../../i18n";
import { IntervalChart } from "./IntervalChart";
import type { GridRow } from "./previewModel";

// jsdom has no canvas: a stand-in that, like uPlot, draws in a microtask after creation and setData.
const plots = vi.hoisted(() => [] as { data: unknown; setData: (d: unknown) => void }[]);
vi.mock("uplot", () => {
  class FakePlot {
    static tzDate = (d: Date) => d;
    series: unknown[];
    data: unknown;
    private hooks: (() => void)[];
    constructor(opts: { series: unknown[]; hooks?: { draw?: (() => void)[] } }, data: unknown) {
      this.series = opts.series;
      this.hooks = opts.hooks?.draw ?? [];
      this.data = data;
      plots.push(this);
      this.drawSoon();
    }
    setData(data: unknown) {
      this.data = data;
      this.drawSoon();
    }
    setSize() {}
    destroy() {}
    private drawSoon() {
      queueMicrotask(() => this.hooks.forEach((h) => h()));
    }
  }
  return { default: FakePlot };
});

const wrap = ({ children }: { children: ReactNode }) => <MantineProvider>{children}</MantineProvider>;
const rows = (last: number | null): GridRow[] => [
  { start: 0, cells: [{ count: 2, complete: true }] },
  { start: 3_600_000, cells: [last === null ? null : { count: last, complete: false }] },
];

describe("IntervalChart", () => {
  it("updates the same plot with new counts and writes each redraw's time to data-redraw-ms", async () => {
    const { rerender } = render(<IntervalChart rows={rows(null)} queues={["A"]} timeZone="UTC" />, { wrapper: wrap });
    const chart = screen.getByTestId("interval-chart");
    await waitFor(() => expect(chart.dataset.redrawMs).toMatch(/^\d+\.\d$/));
    expect(plots).toHaveLength(1);
    expect(plots[0].data).toEqual([[0, 3600], [2, null]]);

    delete chart.dataset.redrawMs;
    // A refreshed report: new arrays, same queues; a lower bound is drawn as its count.
    rerender(<IntervalChart rows={rows(5)} queues={["A"]} timeZone="UTC" />);
    await waitFor(() => expect(chart.dataset.redrawMs).toMatch(/^\d+\.\d$/));
    expect(plots).toHaveLength(1);
    expect(plots[0].data).toEqual([[0, 3600], [2, 5]]);

    rerender(<IntervalChart rows={rows(5)} queues={["B"]} timeZone="UTC" />);
    await waitFor(() => expect(plots).toHaveLength(2));
  });
});
