// The integrations list, the integration's page (injixo key, marketplace, delete, edit, recheck)
// and the demo. Model tiles and the setup form are in setupFlow.test.tsx.
import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import {
  appInfo,
  connectionTest,
  demoInfo,
  failed,
  integration,
  passed,
} from "./test/fakeCore";
import { IpcError, type DemoInfo, type DemoProgress } from "./ipc";
import { core$, queryClient, renderApp, resetCore } from "./test/setupFlowApp";
import { core } from "./test/setupFlowCore";

// ui/src/ipc replaced by vi.fn()s (test/setupFlowCore.ts); each test says what the core answers.
vi.mock("./ipc", async (importOriginal) => {
  const { fakeIpcModule } = await import("./test/setupFlowCore");
  return fakeIpcModule(await importOriginal<typeof import("./ipc")>());
});

beforeEach(resetCore);

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
    // The key takes the focus (the Generate button it replaced is gone), and Tab goes on to Copy.
    await waitFor(() => expect(screen.getByTestId("injixo-key-value")).toHaveFocus());
    await userEvent.tab();
    expect(screen.getByRole("button", { name: "Copy" })).toHaveFocus();
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
  it("prepares the demo with progress, lands on the dashboard and shows the banner on every screen until left", async () => {
    let progress: (p: DemoProgress) => void = () => {};
    core$.onDemoProgress.mockImplementation(async (handler) => {
      progress = handler;
      return () => {};
    });
    let finish: () => void = () => {};
    core$.startDemo.mockImplementation(
      () =>
        new Promise<DemoInfo>((resolve) => {
          finish = () => {
            core.info = appInfo({ demo: demoInfo() });
            core$.listIntegrations.mockResolvedValue(demoIntegrations);
            resolve(demoInfo());
          };
        }),
    );
    core$.stopDemo.mockImplementation(async () => {
      core.info = appInfo();
      core$.listIntegrations.mockResolvedValue([]);
    });
    renderApp("#/integrations");
    expect(screen.queryByTestId("demo-banner")).not.toBeInTheDocument();
    await userEvent.click(await screen.findByTestId("try-demo"));

    const preparing = await screen.findByRole("dialog", { name: "Preparing the demo" });
    act(() => progress({ step: "set_up", product: "freshchat", done: 2, total: 5 }));
    expect(within(preparing).getByTestId("demo-step")).toHaveTextContent("Setting up the Freshchat integration");
    expect(within(preparing).getByRole("progressbar")).toHaveAttribute("aria-valuenow", "40");
    act(() => progress({ step: "import", product: "freshdesk", done: 3, total: 5 }));
    expect(within(preparing).getByTestId("demo-step")).toHaveTextContent("Importing the Freshdesk data");

    act(() => finish());
    expect(await screen.findByTestId("demo-banner")).toHaveTextContent("Demo");
    await waitFor(() => expect(window.location.hash).toBe("#/dashboard"));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(screen.queryByTestId("try-demo")).not.toBeInTheDocument();

    await userEvent.click(screen.getByTestId("nav-settings"));
    expect(await screen.findByTestId("demo-banner")).toBeInTheDocument();
    expect(screen.getByTestId("demo-settings")).toHaveTextContent("/tmp/idesk/demo");

    await userEvent.click(screen.getByTestId("leave-demo"));
    await waitFor(() => expect(screen.queryByTestId("demo-banner")).not.toBeInTheDocument());
    expect(screen.getByTestId("settings-start-demo")).toBeInTheDocument();
  });

  it("resets the demo only after a confirmation, then shows the dashboard again", async () => {
    core.info = appInfo({ demo: demoInfo() });
    core$.listIntegrations.mockResolvedValue(demoIntegrations);
    core$.resetDemo.mockResolvedValue(demoInfo());
    renderApp("#/settings");
    await userEvent.click(await screen.findByTestId("reset-demo"));
    const dialog = await screen.findByRole("dialog", { name: "Reset the demo?" });
    expect(dialog).toHaveTextContent("Your own integrations are not touched.");
    await userEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(core$.resetDemo).not.toHaveBeenCalled();

    await userEvent.click(screen.getByTestId("settings-reset-demo"));
    await userEvent.click(await screen.findByTestId("confirm-reset-demo"));
    await waitFor(() => expect(core$.resetDemo).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(window.location.hash).toBe("#/dashboard"));
    expect(screen.getByTestId("demo-banner")).toBeInTheDocument();
  });

  it("says why the demo could not be prepared and stays on the user's own integrations", async () => {
    core$.startDemo.mockRejectedValue(
      new IpcError({ code: "keychain_unavailable", message: "no Secret Service" }),
    );
    renderApp("#/integrations");
    await userEvent.click(await screen.findByTestId("try-demo"));
    expect(await screen.findByRole("alert")).toHaveTextContent("keychain");
    expect(screen.queryByTestId("demo-banner")).not.toBeInTheDocument();
    expect(window.location.hash).toBe("#/integrations");
  });
});

const demoIntegrations = [
  integration({ id: "demo-1", name: "Demo Support", domain: "acme.freshdesk.com" }),
  integration({ id: "demo-2", name: "Demo Chat", product: "freshchat", domain: "acme.freshchat.com" }),
];
