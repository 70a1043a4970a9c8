import { QueryClient } from "@tanstack/react-query";
import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { App } from "./App";
import { ipc, type AppInfo } from "./ipc";
import { appInfo } from "./test/fakeCore";

// The start-up handshake with the core: the first paint is reported once, and a store that fails
// the check run after it turns the window into the error screen.
const core = vi.hoisted(() => ({
  info: undefined as unknown as AppInfo,
  storeFailed: [] as (() => void)[],
}));

vi.mock("./ipc", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./ipc")>();
  return {
    ...actual,
    ipc: {
      appInfo: vi.fn(async () => core.info),
      uiReady: vi.fn(async () => {}),
      onStoreFailed: vi.fn(async (handler: () => void) => {
        core.storeFailed.push(handler);
        return () => {
          core.storeFailed = core.storeFailed.filter((h) => h !== handler);
        };
      }),
      listIntegrations: vi.fn(async () => []),
      setLanguage: vi.fn(async () => core.info),
    },
  };
});

function renderApp(hash: string) {
  window.location.hash = hash;
  return render(<App queryClient={new QueryClient({ defaultOptions: { queries: { retry: false } } })} />);
}

describe("start-up", () => {
  it("reports the first paint of the Integrations page once, not before it has content", async () => {
    core.info = appInfo();
    let answerList: (list: []) => void = () => {};
    vi.mocked(ipc.listIntegrations).mockImplementationOnce(() => new Promise((resolve) => (answerList = resolve)));
    renderApp("#/");
    await screen.findByRole("heading", { level: 1, name: "Integrations" });
    // The list is still loading: a spinner is no first paint.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ipc.uiReady).not.toHaveBeenCalled();

    act(() => answerList([]));
    await screen.findByTestId("integrations-empty");
    await waitFor(() => expect(ipc.uiReady).toHaveBeenCalledTimes(1));

    // Away and back: the page paints again, the start-up is long done.
    await userEvent.click(screen.getByRole("link", { name: "Settings" }));
    await screen.findByLabelText("Language");
    await userEvent.click(screen.getByRole("link", { name: "Integrations" }));
    await screen.findByTestId("integrations-empty");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(ipc.uiReady).toHaveBeenCalledTimes(1);
  });

  it("shows the error screen when the store fails its check after the first paint", async () => {
    core.info = appInfo();
    renderApp("#/");
    await screen.findByTestId("integrations-empty");
    await waitFor(() => expect(core.storeFailed).toHaveLength(1));

    core.info = appInfo({ storeError: { code: "store_corrupt", message: "database disk image is malformed" } });
    act(() => core.storeFailed.forEach((handler) => handler()));
    const alert = await screen.findByTestId("store-error");
    expect(alert).toHaveTextContent("damaged");
    expect(alert).toHaveTextContent("/tmp/idesk/integration-desk.sqlite3");
    expect(screen.queryByTestId("integrations-empty")).not.toBeInTheDocument();
  });
});
