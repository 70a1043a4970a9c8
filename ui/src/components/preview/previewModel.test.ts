import { describe, expect, it } from "vitest";
import type { PreviewReport } from "../../ipc";
import { buildGrid } from "./previewModel";

const H = 3_600_000;
const at = (hour: number) => Date.parse(`2026-11-29T0${hour}:00:00Z`);

// 00:00–06:00 UTC by the hour.
function report(overrides: Partial<PreviewReport> = {}): PreviewReport {
  return {
    interval_minutes: 60,
    time_zone: "UTC",
    from: "2026-11-29T00:00:00+00:00",
    to: "2026-11-29T06:00:00+00:00",
    coverage: [],
    queues: [],
    ...overrides,
  };
}

describe("buildGrid", () => {
  it("tells full, partial and missing coverage apart, with counts as lower bounds where not full", () => {
    const grid = buildGrid(
      report({
        // 01:30–04:00 imported; 05:00 has a count an import wrote before its coverage.
        coverage: [{ from: "2026-11-29T01:30:00+00:00", to: "2026-11-29T04:00:00+00:00" }],
        queues: [
          {
            name: "A",
            total: 9,
            intervals: [
              { start: "2026-11-29T01:00:00+00:00", count: 2 },
              { start: "2026-11-29T02:00:00+00:00", count: 3 },
              { start: "2026-11-29T05:00:00+00:00", count: 4 },
            ],
          },
        ],
      }),
      ["A"],
    );
    expect(grid.map((r) => r.start)).toEqual([0, 1, 2, 3, 4, 5].map(at));
    expect(grid.map((r) => r.cells[0])).toEqual([
      null, // not covered, no count
      { count: 2, complete: false }, // half covered
      { count: 3, complete: true },
      { count: 0, complete: true },
      null, // coverage ends where it starts
      { count: 4, complete: false }, // not covered, but counted
    ]);
  });

  it("shows a partly covered interval without contacts as at least 0", () => {
    const grid = buildGrid(report({ coverage: [{ from: "2026-11-29T00:30:00+00:00", to: "2026-11-29T06:00:00+00:00" }] }), ["A"]);
    expect(grid[0].cells).toEqual([{ count: 0, complete: false }]);
    expect(grid[1].cells).toEqual([{ count: 0, complete: true }]);
  });

  it("treats adjacent coverage ranges as one", () => {
    const grid = buildGrid(
      report({
        coverage: [
          { from: "2026-11-29T02:30:00+00:00", to: "2026-11-29T06:00:00+00:00" },
          { from: "2026-11-29T00:00:00+00:00", to: "2026-11-29T02:30:00+00:00" },
        ],
      }),
      ["A"],
    );
    expect(grid.every((r) => r.cells[0]?.complete)).toBe(true);
  });

  it("does not need the intervals of queues it does not show", () => {
    const covered = { coverage: [{ from: "2026-11-29T00:00:00+00:00", to: "2026-11-29T06:00:00+00:00" }] };
    const other = { name: "B", total: 1, intervals: [] };
    const withOther = buildGrid(
      report({ ...covered, queues: [{ name: "A", total: 1, intervals: [{ start: "2026-11-29T03:00:00+00:00", count: 1 }] }, other] }),
      ["B"],
    );
    const alone = buildGrid(report({ ...covered, queues: [other] }), ["B"]);
    expect(withOther).toEqual(alone);
    expect(alone).toHaveLength(6);
    expect(alone[0].start).toBe(at(0));
  });

  it("aligns to the shown queue's interval starts", () => {
    // 30-minute offsets (e.g. Asia/Kolkata): intervals start at :30 UTC, inside an unaligned range.
    const grid = buildGrid(
      report({
        from: "2026-11-29T00:10:00+00:00",
        queues: [{ name: "A", total: 1, intervals: [{ start: "2026-11-29T02:30:00+00:00", count: 1 }] }],
      }),
      ["A"],
    );
    expect(grid[0].start).toBe(at(0) + H / 2);
    expect(grid.find((r) => r.cells[0] !== null)).toEqual({ start: at(2) + H / 2, cells: [{ count: 1, complete: false }] });
  });
});
