// Rendering helpers and canned answers of the data page's tests (preview.test.tsx, previewSync.test.tsx).
import { QueryClient } from "@tanstack/react-query";
import { act, render } from "@testing-library/react";
import { vi } from "vitest";
import { App } from "../App";
import { resetImportStates } from "../hooks/useImport";
import i18n from "../i18n";
import type { PreviewReport, SyncStatus } from "../ipc";
import { core } from "./previewCore";

// jsdom does not scroll; Mantine's combobox scrolls the active option into view.
Element.prototype.scrollIntoView = () => {};

// 00:00–06:00 UTC by the hour; data was imported from 02:00 on.
export function report(): PreviewReport {
  return {
    interval_minutes: 60,
    time_zone: "UTC",
    from: "2026-11-29T00:00:00+00:00",
    to: "2026-11-29T06:00:00+00:00",
    coverage: [{ from: "2026-11-29T02:00:00+00:00", to: "2026-11-29T06:00:00+00:00" }],
    queues: [
      { name: "Billing email Replies", total: 2, intervals: [{ start: "2026-11-29T04:00:00+00:00", count: 2 }] },
      { name: "Support email Tickets", total: 5, intervals: [{ start: "2026-11-29T03:00:00+00:00", count: 5 }] },
    ],
  };
}

// Before the initial import: the continuous stage is off.
export function syncStatus(overrides: Partial<SyncStatus> = {}): SyncStatus {
  return { state: "off", everyMinutes: 5, lastSyncedAt: null, lastNewContacts: null, nextSyncAt: null, error: null, ...overrides };
}

/** Today at hh:mm in the local zone, RFC 3339. */
export function todayAt(hours: number, minutes: number) {
  const d = new Date();
  d.setHours(hours, minutes, 0, 0);
  return d.toISOString();
}

export function renderData() {
  window.location.hash = "#/integrations/int-1/data";
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return { client, ...render(<App queryClient={client} />) };
}

/** What the next 2 s poll of the sync status would do. */
export async function pollSync(client: QueryClient) {
  await act(() => client.refetchQueries({ queryKey: ["syncStatus", "int-1"] }));
  // The query tells its observers in a timeout.
  await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
}

/** For `beforeEach`: a fresh import state and core, English. */
export async function resetPreviewCore() {
  vi.clearAllMocks();
  resetImportStates();
  core.onEvent = null;
  core.language = "en";
  core.report = report();
  core.sync = syncStatus();
  core.contacts = [
    { contactId: "ticket:12", kind: "ticket", queue: "Support email Tickets", at: "2026-11-29T03:10:00Z" },
    { contactId: "conversation:99", kind: "reply", queue: "Support email Tickets", at: "2026-11-29T03:20:00Z" },
  ];
  await i18n.changeLanguage("en");
}
