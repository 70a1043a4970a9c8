import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useCoreEvent } from "../../hooks/useCoreEvent";
import { ipc, type IpcError, type StatusReport } from "../../ipc";

export const STATUSES_KEY = ["statuses"] as const;

/** How often the report is fetched again when the `status-changed` subscription failed. */
export const STATUSES_FALLBACK_POLL_MS = 60_000;

/**
 * Every integration's status, kept live by the shell's `status-changed` event (no polling): each
 * event marks the report stale, and TanStack Query refetches it while a page shows it. Should the
 * subscription fail (e.g. the window lacks the event permission), the report is fetched once a
 * minute instead, so the page is late but never stuck.
 */
export function useStatuses() {
  const client = useQueryClient();
  const [subscriptionFailed, setSubscriptionFailed] = useState(false);
  useCoreEvent(
    ipc.onStatusChanged,
    () => void client.invalidateQueries({ queryKey: STATUSES_KEY }),
    (error) => {
      console.error("status-changed subscription failed; refreshing every minute instead", error);
      setSubscriptionFailed(true);
    },
  );
  return useQuery<StatusReport, IpcError>({
    queryKey: STATUSES_KEY,
    queryFn: ipc.integrationStatuses,
    refetchInterval: subscriptionFailed ? STATUSES_FALLBACK_POLL_MS : false,
  });
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
