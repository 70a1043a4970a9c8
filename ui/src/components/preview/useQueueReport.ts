import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { reportKey } from "../../hooks/useImport";
import { ipc, type IpcError, type PreviewReport } from "../../ipc";
import type { Interval } from "./previewModel";

/** A report and the queues whose intervals it carries (the others have only their totals). */
type Fetched = { report: PreviewReport; queues: string[] };

function largest(report: PreviewReport | undefined): string | null {
  let top: PreviewReport["queues"][number] | null = null;
  for (const q of report?.queues ?? []) if (!top || q.total > top.total) top = q;
  return top?.name ?? null;
}

/**
 * The queue report of one range, interval and zone, with the intervals of the selected queues
 * only. Until the user picks, the largest queue (by the last report's totals) is selected.
 * `selected` is what the checkboxes show; `shown`, those of them whose intervals have arrived.
 */
export function useQueueReport(
  integrationId: string,
  range: { from: string | null; to: string | null; interval: Interval; zone: string | null },
) {
  const { from, to, interval, zone } = range;
  const [picked, setPicked] = useState<string[] | null>(null);
  const [autoTop, setAutoTop] = useState<string | null>(null);
  const requested = useMemo(() => picked ?? (autoTop !== null ? [autoTop] : []), [picked, autoTop]);
  const query = useQuery<Fetched, IpcError>({
    queryKey: [...reportKey(integrationId), from, to, interval, zone, requested],
    queryFn: async () => ({ report: await ipc.queueReport(integrationId, from, to, interval, zone, requested), queues: requested }),
    placeholderData: keepPreviousData,
  });
  const report = query.data?.report;
  const top = largest(report);
  if (report && picked === null && top !== autoTop) setAutoTop(top);

  const fetched = query.data?.queues;
  const selected = useMemo(() => {
    const names = new Set(report?.queues.map((q) => q.name) ?? []);
    return requested.filter((q) => names.has(q));
  }, [report, requested]);
  const shown = useMemo(() => selected.filter((q) => fetched?.includes(q)), [selected, fetched]);
  const toggle = (queue: string) =>
    setPicked(selected.includes(queue) ? selected.filter((q) => q !== queue) : [...selected, queue]);
  return { query, report, selected, shown, toggle };
}
