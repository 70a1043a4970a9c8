import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useSyncExternalStore } from "react";
import { ipc, type ErrorCode, type ImportEvent } from "../ipc";

/** What the UI knows about one integration's import. */
export type ImportState =
  | { status: "idle" }
  | { status: "starting" }
  | { status: "running"; phase: string | null; done: number; total: number | null; etaSeconds: number | null }
  | { status: "finished"; records: number; newContacts: number; warnings: string[] }
  | { status: "failed"; code: ErrorCode }
  | { status: "cancelled" };

const IDLE: ImportState = { status: "idle" };
/** The report is refreshed at most this often while an import runs. */
export const REFRESH_MS = 2000;

// Kept outside React: the import's channel outlives the page that started it (leaving the page
// and coming back still shows the live progress).
const states = new Map<string, ImportState>();
const generations = new Map<string, number>();
const listeners = new Set<() => void>();

function setState(id: string, state: ImportState) {
  states.set(id, state);
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** For tests: forgets every import state. */
export function resetImportStates() {
  states.clear();
  generations.clear();
}

export function reportKey(id: string) {
  return ["queueReport", id] as const;
}

/** Makes the open queue preview of `id` fetch its report again. */
export function refreshReport(client: QueryClient, id: string) {
  void client.invalidateQueries({ queryKey: reportKey(id) });
}

function isRunning(state: ImportState) {
  return state.status === "starting" || state.status === "running";
}

/** Starts, follows and cancels the initial import of integration `id` (all ImportEvent handling). */
export function useImport(id: string) {
  const client = useQueryClient();
  const state = useSyncExternalStore(subscribe, () => states.get(id) ?? IDLE);

  // An import started before this page was (re)opened, e.g. after a reload: show it as running.
  useEffect(() => {
    let live = true;
    Promise.resolve()
      .then(() => ipc.importRunning(id))
      .then((running) => {
        if (live && running && !isRunning(states.get(id) ?? IDLE)) {
          setState(id, { status: "running", phase: null, done: 0, total: null, etaSeconds: null });
        }
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [id]);

  // Queues fill in live: refresh the report every REFRESH_MS while the import runs.
  const running = isRunning(state);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => refreshReport(client, id), REFRESH_MS);
    return () => clearInterval(timer);
  }, [running, client, id]);

  const start = useCallback(
    (since: string | null) => {
      const generation = (generations.get(id) ?? 0) + 1;
      generations.set(id, generation);
      const current = () => generations.get(id) === generation;
      setState(id, { status: "starting" });
      const onEvent = (event: ImportEvent) => {
        if (!current()) return;
        switch (event.event) {
          case "progress":
            setState(id, {
              status: "running",
              phase: event.phase,
              done: event.done,
              total: event.total,
              etaSeconds: event.etaSeconds,
            });
            break;
          case "finished":
            setState(id, {
              status: "finished",
              records: event.records,
              newContacts: event.newContacts,
              warnings: event.warnings,
            });
            refreshReport(client, id);
            break;
          case "failed":
            setState(id, { status: "failed", code: event.error.code });
            refreshReport(client, id);
            break;
          case "cancelled":
            setState(id, { status: "cancelled" });
            refreshReport(client, id);
            break;
        }
      };
      ipc.startImport(id, since, onEvent).then(
        () => {
          if (current() && states.get(id)?.status === "starting") {
            setState(id, { status: "running", phase: null, done: 0, total: null, etaSeconds: null });
          }
        },
        (error: unknown) => {
          if (!current()) return;
          const code = (error as { code?: ErrorCode }).code ?? "internal";
          setState(id, { status: "failed", code });
        },
      );
    },
    [client, id],
  );

  const cancel = useCallback(async () => {
    const cancelled = await ipc.cancelImport(id);
    if (cancelled) {
      // The task is aborted and may send nothing more: ignore whatever still arrives.
      generations.set(id, (generations.get(id) ?? 0) + 1);
      setState(id, { status: "cancelled" });
      refreshReport(client, id);
    }
    return cancelled;
  }, [client, id]);

  return { state, running, start, cancel };
}
