import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { ipc, type IpcError, type SyncStatus } from "../ipc";
import { refreshReport } from "./useImport";

/** How often the Data page asks for the continuous stage's status. */
export const SYNC_POLL_MS = 2000;

export function syncKey(id: string) {
  return ["syncStatus", id] as const;
}

/** Whether the continuous stage is on (syncing now or waiting for the next sync). */
export function syncActive(status: SyncStatus | undefined) {
  return status?.state === "syncing" || status?.state === "waiting";
}

/**
 * The continuous stage of integration `id`, polled every SYNC_POLL_MS while the page is open.
 * The queue preview follows it: its report is fetched again while a sync runs, when one has
 * ended, and whenever the last sync time changes.
 */
export function useSyncStatus(id: string) {
  const client = useQueryClient();
  const query = useQuery<SyncStatus, IpcError>({
    queryKey: syncKey(id),
    queryFn: () => ipc.syncStatus(id),
    refetchInterval: SYNC_POLL_MS,
  });
  const status = query.data;
  const seen = useRef<{ id: string; lastSyncedAt: string | null; syncing: boolean } | null>(null);
  useEffect(() => {
    if (!status) return;
    const before = seen.current?.id === id ? seen.current : null;
    const syncing = status.state === "syncing";
    seen.current = { id, lastSyncedAt: status.lastSyncedAt, syncing };
    // The first status needs nothing: the preview is loading its report anyway.
    if (before && (syncing || before.syncing || before.lastSyncedAt !== status.lastSyncedAt)) refreshReport(client, id);
    // dataUpdatedAt: every poll counts while syncing, even when the status stayed the same.
  }, [status, query.dataUpdatedAt, client, id]);
  return query;
}

/** Pause, Resume, Sync now and the period; each answers with the new status, shown at once. */
export function useSyncActions(id: string) {
  const client = useQueryClient();
  const action = useMutation<SyncStatus, IpcError, () => Promise<SyncStatus>>({
    mutationFn: (run) => run(),
    onSuccess: (status) => client.setQueryData(syncKey(id), status),
  });
  return {
    pending: action.isPending,
    error: action.error,
    pause: () => action.mutate(() => ipc.pauseSync(id)),
    resume: () => action.mutate(() => ipc.resumeSync(id)),
    syncNow: () => action.mutate(() => ipc.syncNow(id)),
    setEvery: (minutes: number) => action.mutate(() => ipc.setSyncEvery(id, minutes)),
  };
}
