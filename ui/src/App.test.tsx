import { QueryClient } from "@tanstack/react-query";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "./App";
import i18n from "./i18n";
import type { AppInfo, Language } from "./ipc";

// The UI's only door to Tauri is ui/src/ipc; here it is replaced by an in-memory core.
const core = vi.hoisted(() => ({ info: undefined as unknown as AppInfo }));
vi.mock("./ipc", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./ipc")>();
  return {
    ...actual,
    ipc: {
      // Called while the factory runs: imported here, not hoisted above it.
      ...(await import("./test/fakeCore")).startupCalls(),
      appInfo: vi.fn(async () => core.info),
      listIntegrations: vi.fn(async () => []),
      setLanguage: vi.fn(async (language: Language) => {
        core.info = { ...core.info, language };
        return core.info;
      }),
    },
  };
});

function baseInfo(overrides: Partial<AppInfo> = {}): AppInfo {
  return {
    version: "0.1.0",
    dataDir: "/tmp/idesk",
    logDir: "/tmp/idesk/logs",
    database: "/tmp/idesk/integration-desk.sqlite3",
    language: "en",
    storeError: null,
    demo: null,
    ...overrides,
  };
}

function renderApp(hash = "#/") {
  window.location.hash = hash;
  return render(<App queryClient={new QueryClient({ defaultOptions: { queries: { retry: false } } })} />);
}

describe("App", () => {
  beforeEach(async () => {
    core.info = baseInfo();
    await i18n.changeLanguage("en");
  });

  it("opens on the empty Integrations page with Add integration", async () => {
    renderApp();
    expect(await screen.findByTestId("integrations-empty")).toBeInTheDocument();
    expect(screen.getByRole("heading", { level: 1, name: "Integrations" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "Add integration" })).toHaveAttribute("href", "#/integrations/new");
  });

  it("starts in the language the core reports", async () => {
    core.info = baseInfo({ language: "fr" });
    renderApp();
    expect(await screen.findByRole("link", { name: "Ajouter une intégration" })).toBeInTheDocument();
  });

  it("switches the language from Settings and keeps showing the stored choice", async () => {
    renderApp("#/settings");
    const select = await screen.findByLabelText("Language");
    expect(screen.getByTestId("data-dir")).toHaveTextContent("/tmp/idesk");
    await userEvent.selectOptions(select, "de");
    expect(await screen.findByLabelText("Sprache")).toHaveValue("de");
    expect(core.info.language).toBe("de");
    await userEvent.click(screen.getByRole("link", { name: "Integrationen" }));
    expect(await screen.findByRole("link", { name: "Integration hinzufügen" })).toBeInTheDocument();
  });

  it("shows the error screen, translated by code, when the store cannot be opened", async () => {
    core.info = baseInfo({
      language: "de",
      storeError: { code: "store_newer_version", message: "schema 9 > 1" },
    });
    renderApp();
    const alert = await screen.findByTestId("store-error");
    await waitFor(() => expect(alert).toHaveTextContent("neueren Version"));
    expect(alert).toHaveTextContent("/tmp/idesk/integration-desk.sqlite3");
    expect(screen.queryByTestId("integrations-empty")).not.toBeInTheDocument();
  });
});
