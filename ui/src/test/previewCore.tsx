// The data page's fake core (preview.test.tsx, previewSync.test.tsx): ui/src/ipc replaced by
// vi.fn()s that answer from `core`. Free of runtime imports of ui/src/ipc, so a test file's
// `vi.mock("./ipc", ...)` factory can import it.
import { vi } from "vitest";
import type * as IpcModule from "../ipc";
import type { ContactRow, ImportEvent, PreviewReport, SyncStatus } from "../ipc";
import { appInfo, integration, startupCalls } from "./fakeCore";

export const core = {
  language: "en" as "en" | "de",
  onEvent: null as null | ((e: ImportEvent) => void),
  report: null as unknown as PreviewReport,
  contacts: [] as ContactRow[],
  sync: null as unknown as SyncStatus,
};

// uPlot draws on a canvas, which jsdom lacks; the chart's data is the interval table's.
export const fakeIntervalChart = {
  IntervalChart: ({ queues }: { queues: string[] }) => <div data-testid="interval-chart">{queues.join("|")}</div>,
};

/** ui/src/ipc with `ipc` replaced by vi.fn()s; `actual` is the real module. */
export function fakeIpcModule(actual: typeof IpcModule) {
  return {
    ...actual,
      ipc: {
        ...startupCalls(),
        appInfo: vi.fn(async () => appInfo({ language: core.language })),
        listIntegrations: vi.fn(async () => [integration()]),
        getIntegration: vi.fn(async () => integration()),
        importRunning: vi.fn(async () => false),
        startImport: vi.fn(async (_id: string, _since: string | null, onEvent: (e: ImportEvent) => void) => {
          core.onEvent = onEvent;
        }),
        cancelImport: vi.fn(async () => true),
        // Like the core: every queue has its total, only the asked-for queues their intervals.
        queueReport: vi.fn(
          async (_id: string, _f: unknown, _t: unknown, interval: number, _z: unknown, queues: string[] | null) => ({
            ...core.report,
            interval_minutes: interval,
            queues: core.report.queues.map((q) => (queues === null || queues.includes(q.name) ? q : { ...q, intervals: [] })),
          }),
        ),
        queueContacts: vi.fn(async () => core.contacts),
        ruleDecisions: vi.fn(async () => [
          { id: "no_group", rule: "English no group", reason: "r", implementedBy: "x" },
          { id: "brand_new_rule", rule: "An untranslated rule", reason: "r", implementedBy: "x" },
        ]),
        openTicket: vi.fn(async () => {}),
        syncStatus: vi.fn(async () => core.sync),
        pauseSync: vi.fn(async () => (core.sync = { ...core.sync, state: "paused", nextSyncAt: null })),
        resumeSync: vi.fn(async () => (core.sync = { ...core.sync, state: "syncing", nextSyncAt: null })),
        setSyncEvery: vi.fn(async (_id: string, minutes: number) => (core.sync = { ...core.sync, everyMinutes: minutes })),
        syncNow: vi.fn(async () => (core.sync = { ...core.sync, state: "syncing", nextSyncAt: null })),
      },
  };
}
