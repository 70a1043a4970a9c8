import { QueryClient } from "@tanstack/react-query";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "./App";
import i18n from "./i18n";
import type { AppInfo, PreviewReport } from "./ipc";
import { appInfo, demoInfo, integration } from "./test/fakeCore";

// uPlot draws on a canvas, which jsdom lacks.
vi.mock("./components/preview/IntervalChart", () => ({ IntervalChart: () => <div /> }));

const core = vi.hoisted(() => ({ info: null as unknown as AppInfo }));

const REPORT: PreviewReport = {
  interval_minutes: 60,
  time_zone: "UTC",
  from: "2026-11-29T00:00:00+00:00",
  to: "2026-11-29T06:00:00+00:00",
  coverage: [{ from: "2026-11-29T00:00:00+00:00", to: "2026-11-29T06:00:00+00:00" }],
  queues: [{ name: "Support email Tickets", total: 1, intervals: [{ start: "2026-11-29T03:00:00+00:00", count: 1 }] }],
};

vi.mock("./ipc", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./ipc")>();
  return {
    ...actual,
    ipc: {
      // Called while the factory runs: imported here, not hoisted above it.
      ...(await import("./test/fakeCore")).startupCalls(),
      appInfo: vi.fn(async () => core.info),
      listIntegrations: vi.fn(async () => [integration()]),
      getIntegration: vi.fn(async () => integration()),
      importRunning: vi.fn(async () => false),
      queueReport: vi.fn(async () => REPORT),
      queueContacts: vi.fn(async () => [
        { contactId: "ticket:12", kind: "ticket", queue: "Support email Tickets", at: "2026-11-29T03:10:00Z" },
      ]),
      ruleDecisions: vi.fn(async () => []),
      openTicket: vi.fn(async () => {}),
      syncStatus: vi.fn(async () => ({
        state: "off",
        everyMinutes: 5,
        lastSyncedAt: null,
        lastNewContacts: null,
        nextSyncAt: null,
        error: null,
      })),
    },
  };
});

const { ipc } = await import("./ipc");

async function openTicketFromDrillDown() {
  window.location.hash = "#/integrations/int-1/data";
  render(<App queryClient={new QueryClient({ defaultOptions: { queries: { retry: false } } })} />);
  await screen.findByTestId("interval-table");
  await userEvent.click(screen.getByRole("button", { name: "1 contacts in Support email Tickets: show them" }));
  const dialog = await screen.findByRole("dialog");
  await waitFor(() => expect(within(dialog).getAllByTestId("drill-row")).toHaveLength(1));
  await userEvent.click(within(dialog).getByTestId("open-ticket"));
  return dialog;
}

describe("Open in Freshdesk", () => {
  beforeEach(async () => {
    vi.clearAllMocks();
    await i18n.changeLanguage("en");
  });

  it("in the demo opens nothing and says the ticket lives in the simulator", async () => {
    core.info = appInfo({ demo: demoInfo() });
    const dialog = await openTicketFromDrillDown();
    expect(await within(dialog).findByTestId("demo-ticket-note")).toHaveTextContent(
      "In the demo, ticket 12 lives in the built-in simulator",
    );
    expect(ipc.openTicket).not.toHaveBeenCalled();
  });

  it("with a real account opens the ticket", async () => {
    core.info = appInfo();
    const dialog = await openTicketFromDrillDown();
    await waitFor(() => expect(ipc.openTicket).toHaveBeenCalledWith("int-1", 12));
    expect(within(dialog).queryByTestId("demo-ticket-note")).not.toBeInTheDocument();
  });
});
