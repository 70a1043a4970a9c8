import { useEffect, useRef } from "react";

/**
 * A ref whose element takes the keyboard focus when it appears (and again when `key` changes),
 * if `enabled`: where a user's next step starts after an action replaced what they were on
 * (a new page's heading, a test's summary, a freshly shown key). Give the element
 * `tabIndex={-1}` when it is not focusable by itself.
 */
export function useFocusOnMount<T extends HTMLElement>(enabled = true, key?: unknown) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (enabled) ref.current?.focus();
  }, [enabled, key]);
  return ref;
}
