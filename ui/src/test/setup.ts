import "@testing-library/jest-dom/vitest";
import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";

afterEach(() => cleanup());

// The `findBy…`/`waitFor` limit. The default second is too short when the machine is busy (a CI
// run beside builds); a screen that never comes still fails, only later.
configure({ asyncUtilTimeout: 5000 });

// jsdom lacks these; Mantine reads them for color scheme and layout.
Object.defineProperty(window, "matchMedia", {
  writable: true,
  value: (query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => {},
    removeListener: () => {},
    addEventListener: () => {},
    removeEventListener: () => {},
    dispatchEvent: () => false,
  }),
});
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
window.ResizeObserver = ResizeObserverStub as unknown as typeof ResizeObserver;

// jsdom does not scroll; react-router's ScrollRestoration calls this on every navigation.
window.scrollTo = () => {};
