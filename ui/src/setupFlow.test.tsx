import { QueryClient } from "@tanstack/react-query";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "./App";
import i18n from "./i18n";
import { IpcError, ipc, type AppInfo } from "./ipc";
import {
  appInfo,
  connectionTest,
  demoInfo,
  failed,
  FRESHDESK_ALL_PASSED,
  integration,
  passed,
  unverified,
} from "./test/fakeCore";

// ui/src/ipc replaced by vi.fn()s; each test says what the core answers.
const core = vi.hoisted(() => ({ info: undefined as unknown as AppInfo }));
vi.mock("./ipc", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./ipc")>();
  return {
    ...actual,
    ipc: {
      appInfo: vi.fn(async () => core.info),
      setLanguage: vi.fn(),
      openMarketplace: vi.fn(async () => {}),
      startDemo: vi.fn(),
      stopDemo: vi.fn(),
      listIntegrations: vi.fn(async () => []),
      // No status report yet: the list shows the stored connection status.
      integrationStatuses: vi.fn(async () => ({ integrations: [] })),
      onStatusChanged: vi.fn(async () => () => {}),
      getIntegration: vi.fn(),
      testConnection: vi.fn(),
      addIntegration: vi.fn(),
      editIntegration: vi.fn(),
      recheckIntegration: vi.fn(),
      removeIntegration: vi.fn(async () => {}),
      generateInjixoKey: vi.fn(),
      copyToClipboard: vi.fn(async () => {}),
    },
  };
});
const core$ = vi.mocked(ipc);

let queryClient: QueryClient;
function renderApp(hash: string) {
  window.location.hash = hash;
  queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(<App queryClient={queryClient} />);
}

async function fillForm(values: { name?: string; domain?: string; apiKey?: string }) {
  const name = await screen.findByLabelText(/^Name/);
  if (values.name !== undefined) await userEvent.type(name, values.name);
  if (values.domain !== undefined) await userEvent.type(screen.getByLabelText(/^Domain/), values.domain);
  if (values.apiKey !== undefined) await userEvent.type(screen.getByLabelText(/^API key/), values.apiKey);
}

const saveButton = () => screen.getByRole("button", { name: "Save integration" });
const testButton = () => screen.getByRole("button", { name: "Test connection" });

beforeEach(async () => {
  vi.clearAllMocks();
  core.info = appInfo();
  core$.listIntegrations.mockResolvedValue([]);
  await i18n.changeLanguage("en");
});

describe("model tiles", () => {
  it("leads from Add integration through Select model to the Freshdesk form", async () => {
    renderApp("#/integrations");
    await userEvent.click(await screen.findByRole("link", { name: "Add integration" }));
    expect(screen.queryByTestId("section-freshdesk")).not.toBeInTheDocument();
    await userEvent.click(await screen.findByRole("button", { name: "Select model" }));
    const freshdesk = screen.getByTestId("section-freshdesk");
    expect(freshdesk).toHaveTextContent("Pro or Enterprise plan");
    expect(freshdesk).toHaveTextContent("Profile settings > View API key");
    expect(screen.getByTestId("section-freshchat")).toHaveTextContent("Admin > Configure > API Tokens");
    await userEvent.click(within(freshdesk).getByRole("link", { name: /Add integration/ }));
    expect(await screen.findByRole("heading", { level: 1, name: "Set up your Freshdesk integration" })).toBeInTheDocument();
    expect(screen.getByLabelText(/^Domain/)).toHaveAttribute("placeholder", "example.freshdesk.com");
  });

  it("uses the German article's words", async () => {
    core.info = appInfo({ language: "de" });
    renderApp("#/integrations/new");
    await userEvent.click(await screen.findByRole("button", { name: "Modell wählen" }));
    await userEvent.click(screen.getByTestId("add-freshchat"));
    expect(await screen.findByText("Zugangsdaten")).toBeInTheDocument();
    expect(screen.getByLabelText(/^API-Schlüssel/, { selector: "input" })).toHaveAttribute("type", "password");
    expect(screen.getByRole("button", { name: "Integration speichern" })).toBeDisabled();
  });
});

describe("setup form", () => {
  it("keeps Save disabled until a passing test, and a changed key needs a new test", async () => {
    core$.testConnection.mockResolvedValue(connectionTest(FRESHDESK_ALL_PASSED, true));
    renderApp("#/integrations/new/freshdesk");
    await fillForm({ name: "Support", domain: "acme.freshdesk.com", apiKey: "secret-key" });
    expect(saveButton()).toBeDisabled();
    await userEvent.click(testButton());
    expect(core$.testConnection).toHaveBeenCalledWith("freshdesk", "acme.freshdesk.com", "secret-key");
    await waitFor(() => expect(saveButton()).toBeEnabled());
    expect(screen.getByTestId("check-account_admin")).toHaveAttribute("data-outcome", "passed");
    expect(screen.getByTestId("check-account_admin")).toHaveTextContent("Passed");

    await userEvent.type(screen.getByLabelText(/^API key/), "x");
    expect(saveButton()).toBeDisabled();
    expect(screen.queryByTestId("check-list")).not.toBeInTheDocument();
  });

  it("can be filled and tested with the keyboard alone", async () => {
    core$.testConnection.mockResolvedValue(connectionTest(FRESHDESK_ALL_PASSED, true));
    renderApp("#/integrations/new/freshdesk");
    const name = await screen.findByLabelText(/^Name/);
    name.focus();
    await userEvent.keyboard("Support");
    await userEvent.tab();
    expect(screen.getByLabelText(/^Domain/)).toHaveFocus();
    await userEvent.keyboard("acme.freshdesk.com");
    await userEvent.tab();
    expect(screen.getByLabelText(/^API key/)).toHaveFocus();
    await userEvent.keyboard("k{Enter}");
    expect(core$.testConnection).toHaveBeenCalledWith("freshdesk", "acme.freshdesk.com", "k");
    await waitFor(() => expect(saveButton()).toBeEnabled());
    await userEvent.tab();
    expect(screen.getByRole("button", { name: "Show or hide the API key" })).toHaveFocus();
    await userEvent.tab();
    expect(testButton()).toHaveFocus();
    await userEvent.tab();
    expect(saveButton()).toHaveFocus();
  });

  it("masks the API key with show/hide", async () => {
    renderApp("#/integrations/new/freshdesk");
    const key = await screen.findByLabelText(/^API key/);
    expect(key).toHaveAttribute("type", "password");
    await userEvent.click(screen.getByRole("button", { name: "Show or hide the API key" }));
    expect(key).toHaveAttribute("type", "text");
  });

  it("keeps Save disabled when a required check fails and says why and what to do", async () => {
    core$.testConnection.mockResolvedValue(
      connectionTest(
        [
          passed("host", "host_ok"),
          passed("key", "key_ok"),
          failed("account_admin", "not_admin"),
          passed("ticket_scope", "ticket_scope_global"),
          passed("plan", "plan_ok"),
          passed("occasional_agent", "full_time_agent"),
        ],
        false,
      ),
    );
    renderApp("#/integrations/new/freshdesk");
    await fillForm({ name: "Support", domain: "acme.freshdesk.com", apiKey: "agent-key" });
    await userEvent.click(testButton());
    const row = await screen.findByTestId("check-account_admin");
    expect(row).toHaveAttribute("data-outcome", "failed");
    expect(row).toHaveTextContent("Failed");
    expect(row).toHaveTextContent("not an administrator");
    expect(row).toHaveTextContent("Use the API key of a user with the Account Administrator role");
    expect(row).toHaveTextContent("core says not_admin");
    expect(saveButton()).toBeDisabled();
  });

  it("shows an occasional agent and anything unverified as warnings, not failures", async () => {
    core$.testConnection.mockResolvedValue(
      connectionTest(
        [
          passed("host", "host_ok"),
          passed("key", "key_ok"),
          passed("account_admin", "account_admin_ok"),
          passed("ticket_scope", "ticket_scope_global"),
          unverified("plan", "plan_trial"),
          failed("occasional_agent", "occasional_agent"),
        ],
        true,
      ),
    );
    renderApp("#/integrations/new/freshdesk");
    await fillForm({ name: "Support", domain: "acme.freshdesk.com", apiKey: "occasional" });
    await userEvent.click(testButton());
    const occasional = await screen.findByTestId("check-occasional_agent");
    expect(occasional).toHaveAttribute("data-outcome", "warning");
    expect(occasional).toHaveTextContent("Warning");
    expect(screen.getByTestId("check-plan")).toHaveAttribute("data-outcome", "warning");
    expect(screen.getByTestId("check-plan")).toHaveTextContent("Could not verify");
    expect(screen.getByTestId("check-summary")).toHaveTextContent("Passed: 4, failed: 0, warnings: 2.");
    expect(saveButton()).toBeEnabled();
  });

  it("falls back to the core's message for a code it has no words for", async () => {
    core$.testConnection.mockResolvedValue(
      connectionTest([passed("host", "host_ok"), failed("key", "brand_new_code")], false),
    );
    renderApp("#/integrations/new/freshdesk");
    await fillForm({ domain: "acme", apiKey: "k" });
    await userEvent.click(testButton());
    expect(await screen.findByTestId("check-key")).toHaveTextContent("core says brand_new_code");
  });

  it("shows input errors next to the field they concern, translated by code", async () => {
    core$.testConnection.mockRejectedValueOnce(new IpcError({ code: "domain_lookalike", message: "x" }));
    renderApp("#/integrations/new/freshdesk");
    await fillForm({ name: "Support", domain: "freshdesk.com.evil.com", apiKey: "k" });
    await userEvent.click(testButton());
    const domain = screen.getByLabelText(/^Domain/);
    await waitFor(() => expect(domain).toHaveAttribute("aria-invalid", "true"));
    expect(domain).toHaveAccessibleDescription(expect.stringContaining("not a Freshworks domain"));
    expect(screen.getByLabelText(/^Name/)).not.toHaveAttribute("aria-invalid", "true");

    core$.testConnection.mockRejectedValueOnce(new IpcError({ code: "api_key_empty", message: "x" }));
    await userEvent.click(testButton());
    await waitFor(() =>
      expect(screen.getByLabelText(/^API key/)).toHaveAccessibleDescription(expect.stringContaining("Paste the API key")),
    );
    expect(domain).not.toHaveAttribute("aria-invalid", "true");
  });

  it("shows a taken name under Name when saving", async () => {
    core$.testConnection.mockResolvedValue(connectionTest(FRESHDESK_ALL_PASSED, true));
    core$.addIntegration.mockRejectedValue(new IpcError({ code: "name_taken", message: "x" }));
    renderApp("#/integrations/new/freshdesk");
    await fillForm({ name: "Support", domain: "acme.freshdesk.com", apiKey: "k" });
    await userEvent.click(testButton());
    await waitFor(() => expect(saveButton()).toBeEnabled());
    await userEvent.click(saveButton());
    await waitFor(() =>
      expect(screen.getByLabelText(/^Name/)).toHaveAccessibleDescription(expect.stringContaining("already exists")),
    );
  });

  it("notes a completed subdomain", async () => {
    core$.testConnection.mockResolvedValue({
      ...connectionTest(FRESHDESK_ALL_PASSED, true),
      domain: { host: "acme.freshdesk.com", expandedFromSubdomain: true },
    });
    renderApp("#/integrations/new/freshdesk");
    await fillForm({ domain: "acme", apiKey: "k" });
    await userEvent.click(testButton());
    expect(await screen.findByTestId("domain-expanded")).toHaveTextContent("Completed to acme.freshdesk.com.");
  });

  it("stays on the form with the checks when the core does not save", async () => {
    core$.testConnection.mockResolvedValue(connectionTest(FRESHDESK_ALL_PASSED, true));
    core$.addIntegration.mockResolvedValue({
      test: connectionTest([passed("host", "host_ok"), failed("key", "key_invalid")], false),
      integration: null,
    });
    renderApp("#/integrations/new/freshdesk");
    await fillForm({ name: "Support", domain: "acme.freshdesk.com", apiKey: "k" });
    await userEvent.click(testButton());
    await waitFor(() => expect(saveButton()).toBeEnabled());
    await userEvent.click(saveButton());
    expect(await screen.findByTestId("not-saved")).toHaveTextContent("Nothing was saved");
    expect(screen.getByTestId("check-key")).toHaveAttribute("data-outcome", "failed");
    expect(saveButton()).toBeDisabled();
  });

  it("saves and opens the integration's page", async () => {
    const saved = integration({ name: "Support" });
    core$.testConnection.mockResolvedValue(connectionTest(FRESHDESK_ALL_PASSED, true));
    core$.addIntegration.mockResolvedValue({ test: connectionTest(FRESHDESK_ALL_PASSED, true), integration: saved });
    core$.getIntegration.mockResolvedValue(saved);
    renderApp("#/integrations/new/freshdesk");
    await fillForm({ name: "Support", domain: "acme.freshdesk.com", apiKey: "k" });
    await userEvent.click(testButton());
    await waitFor(() => expect(saveButton()).toBeEnabled());
    await userEvent.click(saveButton());
    expect(core$.addIntegration).toHaveBeenCalledWith("freshdesk", "Support", "acme.freshdesk.com", "k");
    expect(await screen.findByRole("heading", { level: 1, name: "Support" })).toBeInTheDocument();
    expect(screen.getByTestId("key-mask")).toHaveTextContent("••••••••AbCd");
    expect(screen.getByRole("heading", { name: "Install the injixo app" })).toBeInTheDocument();
  });

  it("offers the demo's accounts and keys pre-filled in demo mode", async () => {
    core.info = appInfo({ demo: demoInfo() });
    renderApp("#/integrations/new/freshdesk");
    const account = await screen.findByLabelText("Demo account");
    expect(within(account).getByRole("option", { name: "acme-growth.freshdesk.com — growth" })).toBeInTheDocument();
    expect(within(account).queryByRole("option", { name: /freshchat/ })).not.toBeInTheDocument();
    await userEvent.selectOptions(account, "acme.freshdesk.com");
    await userEvent.selectOptions(screen.getByLabelText("Fill in the key of"), "agent");
    expect(screen.getByLabelText(/^Domain/)).toHaveValue("acme.freshdesk.com");
    expect(screen.getByLabelText(/^API key/)).toHaveValue("fd-agent-key");
  });
});

describe("integrations list", () => {
  it("lists integrations with status in words and links to each", async () => {
    core$.listIntegrations.mockResolvedValue([
      integration(),
      integration({ id: "int-2", name: "Chat", product: "freshchat", domain: "acme.freshchat.com", status: "failing" }),
    ]);
    renderApp("#/integrations");
    const rows = await screen.findAllByTestId("integration-row");
    expect(rows).toHaveLength(2);
    expect(rows[1]).toHaveTextContent("Freshchat");
    expect(rows[1]).toHaveTextContent("Failing");
    expect(within(rows[0]).getByRole("link", { name: "Support EU" })).toHaveAttribute("href", "#/integrations/int-1");
    expect(screen.getByTestId("add-integration")).toBeInTheDocument();
    expect(screen.queryByTestId("try-demo")).not.toBeInTheDocument();
  });
});

describe("integration page", () => {
  it("shows the injixo key once, copies it, then only a mask, and keeps it out of the query cache", async () => {
    const before = integration();
    const after = integration({ injixoKey: { createdAt: "2026-11-30T02:10:00Z", replacedCount: 0 } });
    core$.getIntegration.mockResolvedValueOnce(before).mockResolvedValue(after);
    core$.generateInjixoKey.mockResolvedValue({ integration: after, key: "ijx_THE-SECRET-KEY" });
    renderApp("#/integrations/int-1");
    await userEvent.click(await screen.findByRole("button", { name: "Generate" }));
    expect(await screen.findByTestId("injixo-key-value")).toHaveTextContent("ijx_THE-SECRET-KEY");
    await userEvent.click(screen.getByRole("button", { name: "Copy" }));
    expect(core$.copyToClipboard).toHaveBeenCalledWith("ijx_THE-SECRET-KEY");
    expect(await screen.findByTestId("injixo-key-copied")).toHaveTextContent("Copied");

    const cached = JSON.stringify([
      queryClient.getQueryCache().getAll().map((q) => q.state),
      queryClient.getMutationCache().getAll().map((m) => m.state),
    ]);
    expect(cached).not.toContain("THE-SECRET-KEY");

    await userEvent.click(screen.getByRole("button", { name: "Done" }));
    expect(screen.queryByTestId("injixo-key-value")).not.toBeInTheDocument();
    expect(screen.getByTestId("injixo-key-mask")).toHaveTextContent("ijx_••••••••");
    expect(screen.queryByText(/THE-SECRET-KEY/)).not.toBeInTheDocument();
  });

  it("forgets a shown key when the user leaves the page", async () => {
    const after = integration({ injixoKey: { createdAt: "2026-11-30T02:10:00Z", replacedCount: 0 } });
    core$.getIntegration.mockResolvedValueOnce(integration()).mockResolvedValue(after);
    core$.listIntegrations.mockResolvedValue([after]);
    core$.generateInjixoKey.mockResolvedValue({ integration: after, key: "ijx_LEAVE-ME" });
    renderApp("#/integrations/int-1");
    await userEvent.click(await screen.findByRole("button", { name: "Generate" }));
    await screen.findByTestId("injixo-key-value");
    await userEvent.click(screen.getByTestId("nav-integrations"));
    await userEvent.click(await screen.findByRole("link", { name: "Support EU" }));
    expect(await screen.findByTestId("injixo-key-mask")).toBeInTheDocument();
    expect(screen.queryByText(/LEAVE-ME/)).not.toBeInTheDocument();
  });

  it("asks before regenerating and says the installed app's key stops working", async () => {
    const withKey = integration({ injixoKey: { createdAt: "2026-11-30T02:10:00Z", replacedCount: 0 } });
    core$.getIntegration.mockResolvedValue(withKey);
    core$.generateInjixoKey.mockResolvedValue({ integration: withKey, key: "ijx_NEW" });
    renderApp("#/integrations/int-1");
    await userEvent.click(await screen.findByRole("button", { name: "Regenerate" }));
    const dialog = await screen.findByRole("dialog");
    expect(dialog).toHaveTextContent("stops working at once");
    await userEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(core$.generateInjixoKey).not.toHaveBeenCalled();

    await userEvent.click(screen.getByTestId("regenerate-injixo-key"));
    await userEvent.click(await screen.findByTestId("confirm-regenerate"));
    expect(core$.generateInjixoKey).toHaveBeenCalledWith("int-1");
    expect(await screen.findByTestId("injixo-key-value")).toHaveTextContent("ijx_NEW");
  });

  it("opens the marketplace through the core", async () => {
    core$.getIntegration.mockResolvedValue(integration());
    renderApp("#/integrations/int-1");
    await userEvent.click(await screen.findByTestId("open-marketplace"));
    expect(core$.openMarketplace).toHaveBeenCalled();
  });

  it("asks before deleting, says what is removed and what stays, then returns to the list", async () => {
    core$.getIntegration.mockResolvedValue(integration());
    renderApp("#/integrations/int-1");
    await userEvent.click(await screen.findByRole("button", { name: "Delete" }));
    const dialog = await screen.findByRole("dialog");
    expect(dialog).toHaveTextContent("keychain");
    expect(dialog).toHaveTextContent("stays on this computer until it is purged");
    expect(core$.removeIntegration).not.toHaveBeenCalled();
    await userEvent.click(within(dialog).getByRole("button", { name: "Delete integration" }));
    expect(core$.removeIntegration).toHaveBeenCalledWith("int-1");
    expect(await screen.findByTestId("integrations-empty")).toBeInTheDocument();
  });

  it("edits with a blank key kept and shows the checks when the core refuses", async () => {
    core$.getIntegration.mockResolvedValue(integration());
    core$.editIntegration.mockResolvedValue({
      test: connectionTest([passed("host", "host_ok"), failed("key", "key_invalid")], false),
      integration: null,
    });
    renderApp("#/integrations/int-1");
    await userEvent.click(await screen.findByRole("button", { name: "Edit" }));
    const name = screen.getByLabelText(/^Name/);
    await userEvent.clear(name);
    await userEvent.type(name, "Renamed");
    await userEvent.click(screen.getByRole("button", { name: "Save changes" }));
    expect(core$.editIntegration).toHaveBeenCalledWith("int-1", "Renamed", "acme.freshdesk.com", null);
    expect(await screen.findByTestId("edit-not-saved")).toBeInTheDocument();
    expect(within(screen.getByTestId("edit-form")).getByTestId("check-key")).toHaveAttribute("data-outcome", "failed");
  });

  it("checks again and shows the new status", async () => {
    core$.getIntegration.mockResolvedValue(integration());
    core$.recheckIntegration.mockResolvedValue(integration({ status: "needs_attention" }));
    renderApp("#/integrations/int-1");
    await userEvent.click(await screen.findByRole("button", { name: "Check again" }));
    expect(await screen.findByText("Needs attention")).toBeInTheDocument();
  });
});

describe("demo", () => {
  it("offers the demo on the empty page and shows the banner on every screen until left", async () => {
    core$.startDemo.mockImplementation(async () => {
      core.info = appInfo({ demo: demoInfo() });
      return demoInfo();
    });
    core$.stopDemo.mockImplementation(async () => {
      core.info = appInfo();
    });
    renderApp("#/integrations");
    expect(screen.queryByTestId("demo-banner")).not.toBeInTheDocument();
    await userEvent.click(await screen.findByTestId("try-demo"));
    expect(await screen.findByTestId("demo-banner")).toHaveTextContent("Demo");
    expect(core$.listIntegrations).toHaveBeenCalledTimes(2);
    expect(screen.queryByTestId("try-demo")).not.toBeInTheDocument();

    await userEvent.click(screen.getByTestId("nav-settings"));
    expect(await screen.findByTestId("demo-banner")).toBeInTheDocument();
    expect(screen.getByTestId("demo-settings")).toHaveTextContent("/tmp/idesk/demo");

    await userEvent.click(screen.getByTestId("leave-demo"));
    await waitFor(() => expect(screen.queryByTestId("demo-banner")).not.toBeInTheDocument());
    expect(screen.getByTestId("settings-start-demo")).toBeInTheDocument();
  });
});
