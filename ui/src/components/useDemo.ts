import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate } from "react-router";
import { ipc, type DemoInfo, type DemoProgress } from "../ipc";

/**
 * Starts, resets or leaves the demo account. Starting and resetting prepare the demo (both
 * integrations set up, a few days imported) and report each step; afterwards every query is
 * refetched (the integrations now come from the demo's own store) and the dashboard opens.
 */
export function useDemoSwitch() {
  const client = useQueryClient();
  const navigate = useNavigate();
  const [progress, setProgress] = useState<DemoProgress | null>(null);
  // Everything cached belongs to the store that was active before: dropped, not just refetched,
  // so no page shows the previous integrations for a moment.
  const refetchAll = () => client.resetQueries();

  const prepare = async (run: () => Promise<DemoInfo>) => {
    setProgress(null);
    const unlisten = await ipc.onDemoProgress(setProgress);
    try {
      return await run();
    } finally {
      unlisten();
    }
  };
  const ready = async () => {
    await refetchAll();
    await navigate("/dashboard");
  };
  // A demo that could not be prepared is left: the user's own integrations are back.
  const start = useMutation({ mutationFn: () => prepare(ipc.startDemo), onSuccess: ready, onError: refetchAll });
  const reset = useMutation({ mutationFn: () => prepare(ipc.resetDemo), onSuccess: ready, onError: refetchAll });
  const stop = useMutation({ mutationFn: ipc.stopDemo, onSuccess: refetchAll });
  const preparing = start.isPending || reset.isPending;
  return {
    start,
    reset,
    stop,
    /** While the demo is being prepared: the last step reported (null before the first). */
    preparing,
    progress: preparing ? progress : null,
    pending: preparing || stop.isPending,
    error: start.error ?? reset.error ?? stop.error,
  };
}
