// The setup flow: model tiles and the setup form. The integrations list, the integration's page
// and the demo are in integrationPages.test.tsx.
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { IpcError } from "./ipc";
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
import { core$, fillForm, renderApp, resetCore, saveButton, testButton } from "./test/setupFlowApp";
import { core } from "./test/setupFlowCore";

// ui/src/ipc replaced by vi.fn()s (test/setupFlowCore.ts); each test says what the core answers.
vi.mock("./ipc", async (importOriginal) => {
  const { fakeIpcModule } = await import("./test/setupFlowCore");
  return fakeIpcModule(await importOriginal<typeof import("./ipc")>());
});

beforeEach(resetCore);

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
    // The result takes the focus (read out first); Save is just before it, past Cancel.
    await waitFor(() => expect(screen.getByTestId("check-summary")).toHaveFocus());
    await userEvent.tab({ shift: true });
    expect(screen.getByRole("link", { name: "Cancel" })).toHaveFocus();
    await userEvent.tab({ shift: true });
    expect(saveButton()).toHaveFocus();
    await userEvent.tab({ shift: true });
    expect(testButton()).toHaveFocus();
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
