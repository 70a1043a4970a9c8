import { QueryClient } from "@tanstack/react-query";
import { act, render, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "./App";
import { formatDateTime } from "./components/formatDate";
import i18n from "./i18n";
import type { StatusReason, StatusReport } from "./ipc";
import { appInfo, integration } from "./test/fakeCore";
import { creditsLastHour, health, KEY_REVOKED } from "./test/fakeStatus";

const core = vi.hoisted(() => ({
  language: "en" as "en" | "de",
  report: { integrations: [] } as StatusReport,
  statusChanged: [] as (() => void)[],
}));

vi.mock("./ipc", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./ipc")>();
  return {
    ...actual,
    ipc: {
      // Called while the factory runs: imported here, not hoisted above it.
      ...(await import("./test/fakeCore")).startupCalls(),
      appInfo: vi.fn(async () => appInfo({ language: core.language })),
      listIntegrations: vi.fn(async () =>
        core.report.integrations.map((h) => integration({ id: h.id, name: h.name })),
      ),
      integrationStatuses: vi.fn(async () => core.report),
      // Like the shell: every subscriber is called on `status-changed` until it unsubscribes.
      onStatusChanged: vi.fn(async (handler: () => void) => {
        core.statusChanged.push(handler);
        return () => {
          core.statusChanged = core.statusChanged.filter((h) => h !== handler);
        };
      }),
      startDemo: vi.fn(),
      stopDemo: vi.fn(),
    },
  };
});

const { ipc } = await import("./ipc");

function renderApp(hash: string) {
  window.location.hash = hash;
  return render(<App queryClient={new QueryClient({ defaultOptions: { queries: { retry: false } } })} />);
}

function emitStatusChanged() {
  act(() => core.statusChanged.forEach((handler) => handler()));
}

// Role queries are slow in jsdom on a loaded machine: the first render may take more than the default 1 s.
const SLOW = { timeout: 5000 };
vi.setConfig({ testTimeout: 20_000 });

async function card(name: string) {
  const heading = await screen.findByRole("heading", { level: 2, name }, SLOW);
  return heading.closest("section") as HTMLElement;
}

// A code this UI has no words for (a newer core): the core's English text shows.
const LATE: StatusReason = {
  code: "data_late_test" as StatusReason["code"],
  message: "No contacts for 3 hours (core text).",
  fix: "Check the help desk (core text).",
};

describe("Dashboard", () => {
  beforeEach(async () => {
    core.language = "en";
    core.statusChanged = [];
    core.report = { integrations: [] };
    vi.mocked(ipc.integrationStatuses).mockClear();
    await i18n.changeLanguage("en");
  });

  it("shows one card per integration with state, reason, since, contacts today and headroom", async () => {
    const since = new Date(Date.now() - 5 * 60_000 - 10_000).toISOString();
    core.report = {
      integrations: [
        health({
          since,
          credits_last_hour: creditsLastHour((i) => (i < 10 ? { ours: 3, others: 9 } : { ours: 0, others: 0 })),
        }),
        health({
          id: "int-2",
          name: "Chat NA",
          product: "freshchat",
          state: "needs_attention",
          reason: LATE,
          contacts_today: 7,
          rate_limit: null,
          notes: [{ code: "account_admin_unverified_test", message: "The role could not be verified (core text)." }],
        }),
      ],
    };
    renderApp("#/dashboard");

    const eu = await card("Support EU");
    expect(screen.getAllByTestId("status-card")).toHaveLength(2);
    expect(within(eu).getByText("Freshdesk", { exact: false })).toBeInTheDocument();
    expect(within(eu).getByText("Operational")).toBeInTheDocument();
    const sinceTime = within(eu).getByTestId("card-since");
    expect(sinceTime).toHaveTextContent("5 minutes ago");
    expect(sinceTime).toHaveAttribute("title", formatDateTime(since));
    expect(within(eu).getByTestId("card-contacts-today")).toHaveTextContent("42");
    expect(within(eu).getByTestId("card-headroom")).toHaveTextContent("180 / 200");
    expect(within(eu).getByRole("progressbar", { name: "180 of 200 API credits per minute left" })).toBeInTheDocument();
    expect(
      within(eu).getByRole("img", {
        name: "Last hour: 30 credits used by this integration and 90 by other apps; the busiest minute used 12.",
      }),
    ).toBeInTheDocument();
    expect(within(eu).getByRole("link", { name: "Open Support EU" })).toHaveAttribute("href", "#/integrations/int-1");
    expect(within(eu).queryByTestId("card-reason")).not.toBeInTheDocument();

    const chat = await card("Chat NA");
    expect(chat).toHaveAttribute("data-state", "needs_attention");
    expect(within(chat).getByText("Needs attention")).toBeInTheDocument();
    // A reason code the UI has no words for yet shows the core's text, never a raw key.
    expect(within(chat).getByTestId("card-reason")).toHaveTextContent(LATE.message);
    expect(within(chat).getByTestId("card-fix")).toHaveTextContent(`What to do: ${LATE.fix}`);
    expect(within(chat).getByTestId("card-notes")).toHaveTextContent("The role could not be verified");
    expect(within(chat).getByTestId("card-contacts-today")).toHaveTextContent("7");
    expect(within(chat).getByTestId("card-headroom")).toHaveTextContent("Not seen yet");
    expect(within(chat).getByRole("img", { name: "No API credits used in the last hour." })).toBeInTheDocument();
  });

  it("refreshes the cards when the shell reports a status change, without reloading", async () => {
    core.report = { integrations: [health()] };
    renderApp("#/dashboard");
    const eu = await card("Support EU");
    expect(within(eu).getByText("Operational")).toBeInTheDocument();
    await waitFor(() => expect(core.statusChanged.length).toBeGreaterThan(0), SLOW);
    expect(ipc.integrationStatuses).toHaveBeenCalledTimes(1);

    const revoked = health({ state: "failing", reason: KEY_REVOKED, since: new Date().toISOString() });
    core.report = { integrations: [revoked] };
    emitStatusChanged();

    await waitFor(() => expect(screen.getByTestId("status-card")).toHaveAttribute("data-state", "failing"), SLOW);
    const failing = await card("Support EU");
    expect(within(failing).getByText("Failing")).toBeInTheDocument();
    expect(within(failing).getByTestId("card-reason")).not.toBeEmptyDOMElement();
    expect(ipc.integrationStatuses).toHaveBeenCalledTimes(2);
  });

  it("still shows the cards when the status-changed subscription fails", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    vi.mocked(ipc.onStatusChanged).mockRejectedValueOnce(new Error("event.listen not allowed"));
    core.report = { integrations: [health()] };
    renderApp("#/dashboard");
    const eu = await card("Support EU");
    expect(within(eu).getByText("Operational")).toBeInTheDocument();
    await waitFor(() => expect(logged).toHaveBeenCalled(), SLOW);
    logged.mockRestore();
  });

  it("offers to add an integration or try the demo when there is none", async () => {
    renderApp("#/dashboard");
    const empty = await screen.findByTestId("dashboard-empty", {}, SLOW);
    expect(within(empty).getByRole("heading", { level: 2, name: "Nothing to monitor yet" })).toBeInTheDocument();
    expect(within(empty).getByRole("link", { name: "Add integration" })).toHaveAttribute("href", "#/integrations/new");
    expect(within(empty).getByRole("button", { name: "Try the demo account" })).toBeInTheDocument();
    expect(screen.queryByTestId("status-card")).not.toBeInTheDocument();
  });

  it("renders a failing card in German", async () => {
    core.language = "de";
    core.report = {
      integrations: [
        health({
          state: "failing",
          reason: KEY_REVOKED,
          since: new Date(Date.now() - 5 * 60_000 - 10_000).toISOString(),
          contacts_today: 3,
        }),
      ],
    };
    renderApp("#/dashboard");
    const eu = await card("Support EU");
    await waitFor(() => expect(within(eu).getByText("Fehlerhaft")).toBeInTheDocument(), SLOW);
    expect(within(eu).getByTestId("card-since")).toHaveTextContent("vor 5 Minuten");
    expect(within(eu).getByText("Seit", { exact: false })).toBeInTheDocument();
    expect(within(eu).getByText("Kontakte heute")).toBeInTheDocument();
    expect(within(eu).getByText("Neuester Kontakt")).toBeInTheDocument();
    const headroom = within(eu).getByRole("progressbar", { name: "180 von 200 API-Credits pro Minute übrig" });
    expect(headroom).toBeInTheDocument();
    expect(within(eu).getByTestId("card-reason")).toHaveTextContent(
      i18n.t("status.reasons.key_revoked" as never, { defaultValue: KEY_REVOKED.message }),
    );
    expect(within(eu).getByTestId("card-fix")).toHaveTextContent("Was zu tun ist:");
    expect(within(eu).getByRole("link", { name: "Support EU öffnen" })).toBeInTheDocument();
  });
});

describe("Integrations list", () => {
  beforeEach(async () => {
    core.language = "en";
    core.statusChanged = [];
    await i18n.changeLanguage("en");
  });

  it("shows each integration's status badge and reason from the status model", async () => {
    const chat = health({ id: "int-2", name: "Chat NA" });
    core.report = { integrations: [health({ state: "failing", reason: KEY_REVOKED }), chat] };
    renderApp("#/integrations");
    const rows = await screen.findAllByTestId("integration-row", {}, SLOW);
    await waitFor(() => expect(within(rows[0]).getByText("Failing")).toBeInTheDocument(), SLOW);
    expect(within(rows[0]).getByTestId("row-reason")).not.toBeEmptyDOMElement();
    expect(within(rows[1]).getByText("Operational")).toBeInTheDocument();
    expect(within(rows[1]).queryByTestId("row-reason")).not.toBeInTheDocument();
  });

  it("shows the stored status while the status model has not answered", async () => {
    core.report = { integrations: [health({ state: "failing", reason: KEY_REVOKED })] };
    vi.mocked(ipc.integrationStatuses).mockImplementationOnce(() => new Promise(() => {}));
    renderApp("#/integrations");
    const [row] = await screen.findAllByTestId("integration-row", {}, SLOW);
    expect(within(row).getByText("Operational")).toBeInTheDocument();
    expect(within(row).queryByTestId("row-reason")).not.toBeInTheDocument();
  });
});
