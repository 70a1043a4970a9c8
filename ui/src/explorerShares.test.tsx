// The queue explorer's "What will my help desk create?" (queue shares, CSV, the 7-day sample
// import) and the ways to the explorer (nav entry, integration and data pages).
import { QueryClient } from "@tanstack/react-query";
import { act, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "./App";
import { resetImportStates } from "./hooks/useImport";
import i18n, { resources } from "./i18n";
import { core, NO_SHARES, resetExplorerCore, shares } from "./test/explorerCore";
import { integration } from "./test/fakeCore";

vi.mock("./ipc", async (importOriginal) => {
  const { fakeIpcModule } = await import("./test/explorerCore");
  return fakeIpcModule(await importOriginal<typeof import("./ipc")>());
});
const { ipc } = await import("./ipc");

const SLOW = { timeout: 10_000 };
vi.setConfig({ testTimeout: 30_000 });

function renderAt(hash: string) {
  window.location.hash = hash;
  return render(<App queryClient={new QueryClient({ defaultOptions: { queries: { retry: false } } })} />);
}

const rows = () => screen.getAllByTestId("share-row");

beforeEach(async () => {
  vi.clearAllMocks();
  resetImportStates();
  resetExplorerCore();
  await i18n.changeLanguage("en");
});

describe("What will my help desk create?", () => {
  it("lists each queue with contacts and share, marks the irrelevant ones, and gives total and span", async () => {
    renderAt("#/integrations/int-1/explorer");
    await screen.findByTestId("shares-list", {}, SLOW);
    expect(ipc.queueShares).toHaveBeenCalledWith("int-1");
    expect(rows().map((r) => r.dataset.queue)).toEqual([
      "Billing email Tickets",
      "Unknown group/source Replies",
      "Billing portal Replies",
    ]);
    expect(rows().map((r) => r.dataset.irrelevant)).toEqual(["false", "true", "false"]);
    const [first, unknown, last] = rows();
    expect(within(first).getByTestId("share-percent")).toHaveTextContent("62.5%");
    expect(first).toHaveTextContent("5");
    expect(within(first).queryByTestId("share-irrelevant")).not.toBeInTheDocument();
    expect(within(unknown).getByTestId("share-irrelevant")).toHaveTextContent("Irrelevant for scheduling");
    expect(within(unknown).getByTestId("share-percent")).toHaveTextContent("25%");
    expect(within(last).getByTestId("share-percent")).toHaveTextContent("12.5%");
    expect(within(first).getByRole("progressbar", { name: "Share of Billing email Tickets" })).toBeInTheDocument();
    expect(screen.getByTestId("shares-irrelevant-note")).toHaveTextContent(resources.en.explorer.irrelevant.sentence);
    expect(screen.getByTestId("shares-total")).toHaveTextContent("8 contacts in total");
    expect(screen.getByTestId("shares-span")).toHaveTextContent("Contacts from");
    expect(screen.queryByTestId("sample-import")).not.toBeInTheDocument();
  });

  it("has the core save the CSV and says where, and copies the same text", async () => {
    const csv = "queue,channel,contacts,share_percent,irrelevant_for_scheduling\nBilling email Tickets,cases,5,62.5,false\n";
    vi.mocked(ipc.queueSharesCsv).mockResolvedValue(csv);
    vi.mocked(ipc.saveQueueSharesCsv).mockResolvedValue("/data/reports/queues-EU.csv");
    renderAt("#/integrations/int-1/explorer");
    await userEvent.click(await screen.findByRole("button", { name: "Export CSV" }, SLOW));
    expect(ipc.saveQueueSharesCsv).toHaveBeenCalledWith("int-1");
    await waitFor(() => expect(screen.getByTestId("shares-csv-notice")).toHaveTextContent("CSV saved: /data/reports/queues-EU.csv"));

    await userEvent.click(screen.getByRole("button", { name: "Copy CSV" }));
    await waitFor(() => expect(ipc.copyToClipboard).toHaveBeenCalledWith(csv));
    await waitFor(() => expect(screen.getByTestId("shares-csv-notice")).toHaveTextContent("CSV copied to the clipboard."));
  });

  it("offers a 7-day sample import when there are no contacts, and lists the queues after it", async () => {
    core.shares = NO_SHARES;
    renderAt("#/integrations/int-1/explorer");
    const sample = await screen.findByRole("button", { name: "Import a 7-day sample" }, SLOW);
    expect(screen.queryByTestId("shares-list")).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Export CSV" })).not.toBeInTheDocument();
    await userEvent.click(sample);
    expect(ipc.startImport).toHaveBeenCalledWith("int-1", expect.any(String), expect.any(Function));
    const since = Date.parse(vi.mocked(ipc.startImport).mock.calls[0][1]!);
    expect(Math.abs(Date.now() - 7 * 24 * 3600 * 1000 - since)).toBeLessThan(60_000);

    act(() => core.onEvent!({ event: "progress", phase: "conversations", done: 3, total: 9, etaSeconds: 5 }));
    expect(await screen.findByTestId("import-progress")).toBeInTheDocument();
    expect(screen.queryByTestId("sample-import")).not.toBeInTheDocument();

    core.shares = shares();
    act(() => core.onEvent!({ event: "finished", records: 40, newContacts: 8, warnings: [] }));
    expect(await screen.findByTestId("shares-list", {}, SLOW)).toBeInTheDocument();
    expect(rows()).toHaveLength(3);
    expect(screen.getByTestId("import-finished")).toBeInTheDocument();
  });
});

describe("ways to the explorer", () => {
  it("the nav entry opens the first integration's explorer and offers the others", async () => {
    core.integrations = [integration(), integration({ id: "int-2", name: "Chat EU", product: "freshchat" })];
    renderAt("#/settings");
    await userEvent.click(await screen.findByTestId("nav-explorer", {}, SLOW));
    expect(await screen.findByTestId("explorer-page", {}, SLOW)).toBeInTheDocument();
    expect(window.location.hash).toBe("#/integrations/int-1/explorer");
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Queue explorer: Support EU");
    expect(screen.getByTestId("nav-explorer")).toHaveAttribute("aria-current", "page");
    expect(screen.getByTestId("nav-integrations")).not.toHaveAttribute("aria-current");

    await userEvent.selectOptions(screen.getByLabelText("Integration"), "Chat EU (Freshchat)");
    await waitFor(() => expect(window.location.hash).toBe("#/integrations/int-2/explorer"));
    await waitFor(() => expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Queue explorer: Chat EU"), SLOW);
  });

  it("the nav entry offers to add an integration when there is none", async () => {
    core.integrations = [];
    renderAt("#/explorer");
    expect(await screen.findByTestId("explorer-empty", {}, SLOW)).toHaveTextContent("No integration to explore yet");
    expect(screen.getByTestId("add-integration")).toBeInTheDocument();
  });

  it.each([
    ["integration page", "#/integrations/int-1"],
    ["data page", "#/integrations/int-1/data"],
  ])("the %s links to the explorer", async (_page, hash) => {
    renderAt(hash);
    const link = await screen.findByTestId("open-explorer", {}, SLOW);
    expect(link).toHaveAttribute("href", "#/integrations/int-1/explorer");
    expect(link).toHaveTextContent("Queue explorer");
  });
});
