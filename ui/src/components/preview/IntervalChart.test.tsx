import { MantineProvider } from "@mantine/core";
import { render, screen, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { describe, expect, it, vi } from "vitest";
import "../../i18n";
import { IntervalChart, seriesStyle } from "./IntervalChart";
import type { GridRow } from "./previewModel";

// jsdom has no canvas: a stand-in that, like uPlot, draws in a microtask after creation and setData.
const plots = vi.hoisted(() => [] as { data: unknown; series: unknown[]; setData: (d: unknown) => void }[]);
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

describe("IntervalChart for users who cannot tell the colours apart or cannot see the chart", () => {
  const queues = ["email", "phone", "chat", "portal", "billing", "sales", "vip", "spam"];

  it("draws every one of 8 queues with a dash pattern of its own, and the legend shows each", async () => {
    plots.length = 0;
    render(<IntervalChart rows={[]} queues={queues} timeZone="UTC" />, { wrapper: wrap });
    await waitFor(() => expect(plots).toHaveLength(1));
    const drawn = (plots[0].series.slice(1) as { label: string; stroke: string; dash: number[] }[]).map((s) => ({
      label: s.label,
      stroke: s.stroke,
      dash: s.dash.join(" "),
    }));
    expect(new Set(drawn.map((s) => s.dash)).size).toBe(queues.length);

    const items = screen.getAllByTestId("legend-item");
    const legend = items.map((item) => {
      const line = item.querySelector("line")!;
      return { label: item.textContent, stroke: line.getAttribute("stroke"), dash: line.getAttribute("stroke-dasharray") ?? "" };
    });
    expect(legend).toEqual(drawn);
    expect(screen.getByRole("list", { name: "Chart legend" })).toBeInTheDocument();
  });

  it("keeps any two of the first 64 series apart by colour or dash, and the first 8 by dash", () => {
    const styles = Array.from({ length: 64 }, (_, i) => seriesStyle(i));
    expect(new Set(styles.map((s) => `${s.stroke} ${s.dash.join(" ")}`)).size).toBe(64);
    expect(new Set(styles.slice(0, 8).map((s) => s.dash.join(" "))).size).toBe(8);
  });

  it("is an image named after its queues and zone, described by the table of the same counts", () => {
    render(
      <>
        <IntervalChart rows={[]} queues={["email", "phone"]} timeZone="Europe/Berlin" describedBy="counts-caption" />
        <table>
          <caption id="counts-caption">Contacts per interval</caption>
        </table>
      </>,
      { wrapper: wrap },
    );
    const chart = screen.getByRole("img", { name: /email, phone \(Europe\/Berlin\)/ });
    expect(chart).toHaveAccessibleDescription("Contacts per interval");
  });
});
