// The data page's continuous sync. Import progress, the queue preview, drill-down and rule
// explainer are in preview.test.tsx.
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import i18n from "./i18n";
import { pollSync, renderData, report, resetPreviewCore, syncStatus, todayAt } from "./test/previewApp";
import { core } from "./test/previewCore";

vi.mock("./components/preview/IntervalChart", async () => (await import("./test/previewCore")).fakeIntervalChart);
vi.mock("./ipc", async (importOriginal) => {
  const { fakeIpcModule } = await import("./test/previewCore");
  return fakeIpcModule(await importOriginal<typeof import("./ipc")>());
});

const { ipc } = await import("./ipc");

describe("import and live queue preview", () => {
  beforeEach(resetPreviewCore);

  describe("continuous sync", () => {
    const state = () => screen.getByTestId("sync-state");

    it("starts after the initial import, and says so while the import runs", async () => {
      renderData();
      expect(await screen.findByTestId("sync-state")).toHaveTextContent("Starts after the initial import");
      expect(screen.queryByTestId("pause-sync")).not.toBeInTheDocument();
      expect(screen.queryByTestId("resume-sync")).not.toBeInTheDocument();
      expect(screen.getByTestId("sync-now")).toBeDisabled();
      expect(screen.queryByTestId("sync-last")).not.toBeInTheDocument();
      expect(screen.queryByTestId("preview-live")).not.toBeInTheDocument();
      await userEvent.click(screen.getByTestId("start-import"));
      expect(state()).toHaveTextContent("The import is running; syncing starts when it has finished.");
      expect(screen.getByTestId("preview-live")).toHaveTextContent("Updating live");
    });

    it("shows syncing, waiting with the next sync, the last sync and the live preview", async () => {
      core.sync = syncStatus({ state: "syncing", lastSyncedAt: todayAt(13, 58), lastNewContacts: 3 });
      const { client } = renderData();
      await waitFor(() => expect(state()).toHaveTextContent("Syncing…"));
      expect(screen.getByTestId("sync-last")).toHaveTextContent("Last sync 13:58 · 3 new contacts");
      expect(screen.getByTestId("pause-sync")).toBeInTheDocument();
      expect(screen.getByTestId("sync-now")).toBeDisabled();
      expect(screen.getByTestId("preview-live")).toBeInTheDocument();

      core.sync = syncStatus({ state: "waiting", nextSyncAt: todayAt(14, 5), lastSyncedAt: todayAt(14, 0), lastNewContacts: 1 });
      await pollSync(client);
      await waitFor(() => expect(state()).toHaveTextContent("Waiting — next sync at 14:05"));
      expect(screen.getByTestId("sync-last")).toHaveTextContent("Last sync 14:00 · 1 new contact");
      expect(screen.getByTestId("preview-live")).toBeInTheDocument();
      await userEvent.click(screen.getByTestId("sync-now"));
      expect(ipc.syncNow).toHaveBeenCalledWith("int-1");
      await waitFor(() => expect(state()).toHaveTextContent("Syncing…"));
    });

    it("pauses and resumes", async () => {
      core.sync = syncStatus({ state: "waiting", nextSyncAt: todayAt(14, 5), lastSyncedAt: todayAt(14, 0) });
      renderData();
      await userEvent.click(await screen.findByTestId("pause-sync"));
      expect(ipc.pauseSync).toHaveBeenCalledWith("int-1");
      expect(await screen.findByTestId("resume-sync")).toBeInTheDocument();
      expect(state()).toHaveTextContent("Paused");
      expect(screen.queryByTestId("pause-sync")).not.toBeInTheDocument();
      expect(screen.getByTestId("sync-now")).toBeDisabled();
      expect(screen.queryByTestId("preview-live")).not.toBeInTheDocument();
      await userEvent.click(screen.getByTestId("resume-sync"));
      expect(ipc.resumeSync).toHaveBeenCalledWith("int-1");
      await waitFor(() => expect(state()).toHaveTextContent("Syncing…"));
      expect(screen.getByTestId("pause-sync")).toBeInTheDocument();
    });

    it("offers Resume when the stage is off after a finished import", async () => {
      core.sync = syncStatus({ lastSyncedAt: todayAt(9, 30) });
      renderData();
      expect(await screen.findByTestId("resume-sync")).toBeInTheDocument();
      expect(state()).toHaveTextContent("Not syncing");
      expect(screen.getByTestId("sync-last")).toHaveTextContent(/^Last sync 09:30$/);
    });

    it("sets the period, and translates a refused one", async () => {
      core.sync = syncStatus({ state: "waiting", nextSyncAt: todayAt(14, 5) });
      renderData();
      const every = await screen.findByTestId("sync-every");
      expect(every).toHaveValue("5 minutes");
      await userEvent.click(every);
      await userEvent.click(await screen.findByRole("option", { name: "15 minutes", hidden: true }));
      expect(ipc.setSyncEvery).toHaveBeenCalledWith("int-1", 15);
      await waitFor(() => expect(screen.getByTestId("sync-every")).toHaveValue("15 minutes"));

      const { IpcError } = await import("./ipc");
      vi.mocked(ipc.setSyncEvery).mockRejectedValueOnce(new IpcError({ code: "invalid_sync_interval", message: "x" }));
      await userEvent.click(screen.getByTestId("sync-every"));
      await userEvent.click(await screen.findByRole("option", { name: "1 minute", hidden: true }));
      expect(await screen.findByTestId("sync-action-error")).toHaveTextContent("1 to 1440 minutes");
    });

    it("shows the last sync's error, translated", async () => {
      core.language = "de";
      core.sync = syncStatus({
        state: "waiting",
        nextSyncAt: todayAt(14, 5),
        error: { code: "import_key_rejected", message: "english" },
      });
      renderData();
      const error = await screen.findByTestId("sync-error");
      expect(error).toHaveTextContent("Die letzte Synchronisierung ist fehlgeschlagen");
      expect(error).toHaveTextContent(i18n.t("errors.import_key_rejected"));
      expect(error).not.toHaveTextContent("english");
    });

    it("refreshes the preview when a sync ends and while one runs", async () => {
      core.sync = syncStatus({ state: "waiting", nextSyncAt: todayAt(14, 5), lastSyncedAt: todayAt(14, 0) });
      const { client } = renderData();
      await screen.findByTestId("interval-table");
      await screen.findByTestId("sync-state");
      const calls = () => vi.mocked(ipc.queueReport).mock.calls.length;
      const before = calls();
      await pollSync(client);
      expect(calls()).toBe(before);

      // A sync brought a contact at 05:00.
      const next = report();
      next.queues[1].intervals.push({ start: "2026-11-29T05:00:00+00:00", count: 4 });
      core.report = next;
      core.sync = { ...core.sync, lastSyncedAt: todayAt(14, 5), lastNewContacts: 4 };
      await pollSync(client);
      await waitFor(() => expect(calls()).toBeGreaterThan(before));
      const rows = within(screen.getByTestId("interval-table")).getAllByTestId("interval-row");
      await waitFor(() => expect((rows[0] as HTMLTableRowElement).cells[1]).toHaveTextContent("4"));

      core.sync = { ...core.sync, state: "syncing", nextSyncAt: null };
      await pollSync(client);
      const during = calls();
      await pollSync(client);
      await waitFor(() => expect(calls()).toBeGreaterThan(during));
    });
  });
});
