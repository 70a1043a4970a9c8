import { useEffect, useRef } from "react";

/** Subscribes to one of the core's events (e.g. `ipc.onStatusChanged`); resolves to the unsubscriber. */
export type Subscribe = (handler: () => void) => Promise<() => void>;

/**
 * Calls `onEvent` on each event while the component is mounted, and `onFailure` if the
 * subscription could not be made (e.g. the window lacks the event permission).
 */
export function useCoreEvent(subscribe: Subscribe, onEvent: () => void, onFailure: (error: unknown) => void) {
  // The latest callbacks, without subscribing again on each render.
  const handlers = useRef({ onEvent, onFailure });
  useEffect(() => {
    handlers.current = { onEvent, onFailure };
  });
  useEffect(() => {
    let unsubscribe: (() => void) | null = null;
    let unmounted = false;
    subscribe(() => handlers.current.onEvent())
      .then((stop) => {
        // Unmounted before the subscription was in place: stop it at once.
        if (unmounted) stop();
        else unsubscribe = stop;
      })
      .catch((error: unknown) => {
        if (!unmounted) handlers.current.onFailure(error);
      });
    return () => {
      unmounted = true;
      unsubscribe?.();
    };
  }, [subscribe]);
}
