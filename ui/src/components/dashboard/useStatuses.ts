import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { ipc, type IpcError, type StatusReport } from "../../ipc";

export const STATUSES_KEY = ["statuses"] as const;

/**
 * Every integration's status, kept live by the shell's `status-changed` event (no polling): each
 * event marks the report stale, and TanStack Query refetches it while a page shows it.
 */
export function useStatuses() {
  const client = useQueryClient();
  useEffect(() => {
    let unsubscribe: (() => void) | null = null;
    let unmounted = false;
    void ipc
      .onStatusChanged(() => void client.invalidateQueries({ queryKey: STATUSES_KEY }))
      .then((stop) => {
        // Unmounted before the subscription was in place: stop it at once.
        if (unmounted) stop();
        else unsubscribe = stop;
      });
    return () => {
      unmounted = true;
      unsubscribe?.();
    };
  }, [client]);
  return useQuery<StatusReport, IpcError>({ queryKey: STATUSES_KEY, queryFn: ipc.integrationStatuses });
}

/** The current time, advancing every `everyMs`, so that "5 min ago" keeps counting without any IPC. */
export function useNow(everyMs = 60_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
