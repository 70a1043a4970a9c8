import { useEffect } from "react";
import { ipc } from "../ipc";

/** Once per page load: a later visit to the first screen has nothing new to report. */
let reported = false;

/**
 * Tells the core, once, that the first screen has painted (`painted` turns true when its content
 * is rendered), so that it starts the work it deferred to keep the start fast. The effect runs
 * after React's commit; the frame callback plus a task waits until the browser has painted it.
 */
export function useReportFirstPaint(painted: boolean) {
  useEffect(() => {
    if (!painted || reported) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => {
        if (reported) return;
        reported = true;
        // Should the call fail, the core starts the deferred work on its own a few seconds later.
        ipc.uiReady().catch((error: unknown) => console.error("ui_ready failed", error));
      }, 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [painted]);
}
