// The data page: import progress, the queue preview, drill-down and rule explainer. The
// continuous sync is in previewSync.test.tsx.
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { renderData, report, resetPreviewCore } from "./test/previewApp";
import { core } from "./test/previewCore";

vi.mock("./components/preview/IntervalChart", async () => (await import("./test/previewCore")).fakeIntervalChart);
vi.mock("./ipc", async (importOriginal) => {
  const { fakeIpcModule } = await import("./test/previewCore");
  return fakeIpcModule(await importOriginal<typeof import("./ipc")>());
});

const { ipc } = await import("./ipc");

describe("import and live queue preview", () => {
  beforeEach(resetPreviewCore);

  it("shows the phase, done / total and ETA while importing, and cancels", async () => {
    renderData();
    expect(await screen.findByTestId("archive-warning")).toHaveTextContent("120 days");
    await userEvent.click(screen.getByTestId("start-import"));
    expect(ipc.startImport).toHaveBeenCalledWith("int-1", expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), expect.any(Function));
    core.onEvent!({ event: "progress", phase: "tickets (spam)", done: 120, total: 300, etaSeconds: 90 });
    expect(await screen.findByTestId("import-phase")).toHaveTextContent("Spam tickets");
    // Start is gone: the focus is on the progress that replaced it, not lost to the page.
    expect(screen.getByTestId("import-phase")).toHaveFocus();
    expect(screen.getByTestId("import-counts")).toHaveTextContent("120 / 300");
    expect(screen.getByTestId("import-eta")).toHaveTextContent("About 2 min left");
    expect(screen.getByRole("progressbar", { name: "Import progress" })).toBeInTheDocument();
    core.onEvent!({ event: "progress", phase: "something new", done: 1, total: null, etaSeconds: null });
    expect(await screen.findByTestId("import-phase")).toHaveTextContent("something new");
    await userEvent.click(screen.getByTestId("cancel-import"));
    expect(ipc.cancelImport).toHaveBeenCalledWith("int-1");
    expect(await screen.findByTestId("import-cancelled")).toBeInTheDocument();
    // The aborted task may still send something: it is ignored.
    core.onEvent!({ event: "progress", phase: "conversations", done: 5, total: 9, etaSeconds: 1 });
    expect(screen.queryByTestId("import-progress")).not.toBeInTheDocument();
    expect(screen.getByTestId("start-import")).toBeInTheDocument();
  });

  it("summarises a finished import and refreshes the preview; translates a failure", async () => {
    renderData();
    await screen.findByTestId("queue-table");
    await userEvent.click(screen.getByTestId("start-import"));
    const calls = vi.mocked(ipc.queueReport).mock.calls.length;
    core.onEvent!({ event: "finished", records: 1234, newContacts: 456, warnings: ["ticket 7: 403, skipped"] });
    const summary = await screen.findByTestId("import-finished");
    expect(summary).toHaveTextContent("1234 records imported, 456 new contacts.");
    // The import the user started ends with the focus on its outcome.
    await waitFor(() => expect(summary).toHaveFocus());
    expect(summary).toHaveTextContent("ticket 7: 403, skipped");
    await waitFor(() => expect(vi.mocked(ipc.queueReport).mock.calls.length).toBeGreaterThan(calls));

    await userEvent.click(screen.getByTestId("start-import"));
    core.onEvent!({ event: "failed", error: { code: "not_imported", message: "english" } });
    expect(await screen.findByTestId("import-failed")).toHaveTextContent("Nothing was imported");
  });

  it("lists the source queues with totals, sorted and searchable", async () => {
    renderData();
    await screen.findByTestId("queue-table");
    const names = () => screen.getAllByTestId("queue-row").map((r) => r.getAttribute("data-queue"));
    expect(names()).toEqual(["Support email Tickets", "Billing email Replies"]);
    expect(screen.getAllByTestId("queue-total").map((b) => b.textContent)).toEqual(["5", "2"]);
    await userEvent.click(screen.getByTestId("sort-name"));
    expect(names()).toEqual(["Billing email Replies", "Support email Tickets"]);
    await userEvent.type(screen.getByLabelText("Search queues"), "support");
    expect(names()).toEqual(["Support email Tickets"]);
  });

  it("shows \"no data\" outside the coverage and 0 inside it", async () => {
    renderData();
    const table = await screen.findByTestId("interval-table");
    // The largest queue is shown until the user picks.
    expect(screen.getByTestId("interval-chart")).toHaveTextContent("Support email Tickets");
    const rows = within(table).getAllByTestId("interval-row");
    expect(rows.map((r) => r.getAttribute("data-start"))).toEqual([
      "2026-11-29 05:00",
      "2026-11-29 04:00",
      "2026-11-29 03:00",
      "2026-11-29 02:00",
      "2026-11-29 01:00",
      "2026-11-29 00:00",
    ]);
    expect(rows.map((r) => (r as HTMLTableRowElement).cells[1].textContent)).toEqual(["0", "0", "5", "0", "no data", "no data"]);
    // Selecting a second queue adds a column.
    await userEvent.click(screen.getByLabelText("Show Billing email Replies per interval"));
    expect(screen.getByTestId("interval-chart")).toHaveTextContent("Support email Tickets|Billing email Replies");
    const second = within(screen.getByTestId("interval-table"))
      .getAllByTestId("interval-row")
      .map((r) => (r as HTMLTableRowElement).cells[2].textContent);
    expect(second).toEqual(["0", "2", "0", "0", "no data", "no data"]);
  });

  it("asks the core only for the intervals of the queues it shows", async () => {
    renderData();
    const table = await screen.findByTestId("interval-table");
    // First the totals (no intervals), then the largest queue's intervals.
    expect(vi.mocked(ipc.queueReport).mock.calls[0][5]).toEqual([]);
    expect(ipc.queueReport).toHaveBeenLastCalledWith("int-1", null, null, 60, null, ["Support email Tickets"]);
    expect(within(table).getAllByTestId("interval-row")[2].textContent).toContain("5");
    await userEvent.click(screen.getByLabelText("Show Billing email Replies per interval"));
    await waitFor(() =>
      expect(ipc.queueReport).toHaveBeenLastCalledWith("int-1", null, null, 60, null, ["Support email Tickets", "Billing email Replies"]),
    );
    // The new column shows once its intervals have arrived (never as zeros before).
    await waitFor(() => expect(screen.getByTestId("interval-chart")).toHaveTextContent("Support email Tickets|Billing email Replies"));
    await userEvent.click(screen.getByLabelText("Show Support email Tickets per interval"));
    await waitFor(() => expect(ipc.queueReport).toHaveBeenLastCalledWith("int-1", null, null, 60, null, ["Billing email Replies"]));
    expect(screen.getByTestId("interval-chart")).toHaveTextContent(/^Billing email Replies$/);
  });

  it("shows a count as a lower bound where its interval is not fully imported", async () => {
    // Imported 02:00–04:30; an import is writing 05:00 before its coverage is.
    core.report = {
      ...report(),
      coverage: [{ from: "2026-11-29T02:00:00+00:00", to: "2026-11-29T04:30:00+00:00" }],
      queues: [
        {
          name: "Support email Tickets",
          total: 6,
          intervals: [
            { start: "2026-11-29T03:00:00+00:00", count: 5 },
            { start: "2026-11-29T05:00:00+00:00", count: 1 },
          ],
        },
      ],
    };
    renderData();
    const table = await screen.findByTestId("interval-table");
    const cells = within(table)
      .getAllByTestId("interval-row")
      .map((r) => (r as HTMLTableRowElement).cells[1]);
    expect(cells.map((c) => c.textContent)).toEqual(["≥ 1", "≥ 0", "5", "0", "no data", "no data"]);
    expect(within(cells[0]).getByTestId("partial-cell")).toHaveAttribute(
      "title",
      "At least 1: this interval is not fully imported yet.",
    );
    expect(within(cells[1]).getByTestId("partial-cell")).toHaveAttribute("title", "At least 0: this interval is not fully imported yet.");
    expect(within(cells[0]).getByTestId("count-cell")).toHaveAttribute("data-complete", "false");
    expect(within(cells[1]).queryByRole("button")).not.toBeInTheDocument();
    expect(within(cells[2]).queryByTestId("partial-cell")).not.toBeInTheDocument();
    expect(within(cells[3]).getByTestId("zero")).toBeInTheDocument();
    expect(within(cells[4]).getByTestId("no-data")).toBeInTheDocument();
    // A lower bound still drills down.
    await userEvent.click(
      within(cells[0]).getByRole("button", {
        name: "At least 1 contact in Support email Tickets at 2026-11-29 05:00, not fully imported yet: show it",
      }),
    );
    await waitFor(() =>
      expect(ipc.queueContacts).toHaveBeenCalledWith("int-1", "Support email Tickets", "2026-11-29T05:00:00.000Z", "2026-11-29T06:00:00.000Z"),
    );
  });

  it("refetches with the new interval and time zone", async () => {
    renderData();
    await screen.findByTestId("interval-table");
    const top = ["Support email Tickets"];
    expect(ipc.queueReport).toHaveBeenLastCalledWith("int-1", null, null, 60, null, top);
    await userEvent.click(screen.getByLabelText("30 min"));
    await waitFor(() => expect(ipc.queueReport).toHaveBeenLastCalledWith("int-1", null, null, 30, null, top));
    await userEvent.click(screen.getByLabelText("15 min"));
    await waitFor(() => expect(ipc.queueReport).toHaveBeenLastCalledWith("int-1", null, null, 15, null, top));
    const zone = screen.getByRole("textbox", { name: "Time zone" });
    await userEvent.clear(zone);
    await userEvent.type(zone, "Tokyo", { skipClick: true });
    await userEvent.click(await screen.findByRole("option", { name: "Asia/Tokyo", hidden: true }));
    await waitFor(() => expect(ipc.queueReport).toHaveBeenLastCalledWith("int-1", null, null, 15, "Asia/Tokyo", top));
  });

  it("drills down from a count to its contacts and opens a ticket in Freshdesk", async () => {
    renderData();
    await screen.findByTestId("interval-table");
    await userEvent.click(screen.getByRole("button", { name: "5 contacts in Support email Tickets at 2026-11-29 03:00: show them" }));
    const dialog = await screen.findByRole("dialog");
    await waitFor(() => expect(within(dialog).getAllByTestId("drill-row")).toHaveLength(2));
    expect(ipc.queueContacts).toHaveBeenCalledWith(
      "int-1",
      "Support email Tickets",
      "2026-11-29T03:00:00.000Z",
      "2026-11-29T04:00:00.000Z",
    );
    const [ticket, reply] = within(dialog).getAllByTestId("drill-row");
    expect(ticket).toHaveTextContent("ticket:12");
    expect(ticket).toHaveTextContent("new ticket");
    expect(reply).toHaveTextContent("customer reply");
    expect(within(reply).queryByTestId("open-ticket")).not.toBeInTheDocument();
    await userEvent.click(within(ticket).getByRole("button", { name: "Open ticket 12 in Freshdesk" }));
    expect(ipc.openTicket).toHaveBeenCalledWith("int-1", 12);
    // Why the ticket became these contacts: its timeline in the queue explorer.
    expect(within(ticket).getByRole("link", { name: "Timeline of ticket 12: why it became these contacts" })).toHaveAttribute(
      "href",
      "#/integrations/int-1/explorer?ticket=12",
    );
    expect(within(reply).queryByTestId("ticket-timeline")).not.toBeInTheDocument();
  });

  it("explains the rules in German, with the core's English for an untranslated decision", async () => {
    core.language = "de";
    renderData();
    await screen.findByTestId("interval-table");
    expect(screen.getAllByTestId("no-data")[0]).toHaveTextContent("keine Daten");
    await userEvent.click(screen.getByTestId("explain-decisions"));
    const list = await screen.findByTestId("decision-list");
    await waitFor(() => expect(list).toHaveTextContent("Ein Ticket ohne Gruppe zählt in „No group …“."));
    expect(list).toHaveTextContent("An untranslated rule");
    await userEvent.click(screen.getByTestId("explain-noAht"));
    expect(screen.getByText(/keinen AHT-Graphen/)).toBeInTheDocument();
  });

  it("says when nothing was imported yet", async () => {
    const { IpcError } = await import("./ipc");
    vi.mocked(ipc.queueReport).mockRejectedValueOnce(new IpcError({ code: "not_imported", message: "x" }));
    renderData();
    expect(await screen.findByTestId("preview-error")).toHaveTextContent("Run the import first");
  });

  it("explains that a Freshdesk account's zone comes with the first import", async () => {
    const { IpcError } = await import("./ipc");
    vi.mocked(ipc.queueReport).mockRejectedValueOnce(new IpcError({ code: "unknown_time_zone", message: "x" }));
    renderData();
    expect(await screen.findByTestId("preview-error")).toHaveTextContent("time zone is known after it");
  });

});
