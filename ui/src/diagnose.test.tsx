import { QueryClient } from "@tanstack/react-query";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { StrictMode } from "react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "./App";
import { formatDateTime } from "./components/formatDate";
import i18n, { resources } from "./i18n";
import { IpcError, ipc, type DiagnosisRun, type Language } from "./ipc";
import { appInfo, integration } from "./test/fakeCore";
import { ISSUED_AT, LINK_ORDER, healthyLinks, link, run, withLinks } from "./test/fakeDiagnosis";
import { health } from "./test/fakeStatus";

const core = vi.hoisted(() => ({ language: "en" as Language }));
vi.mock("./ipc", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./ipc")>();
  return {
    ...actual,
    ipc: {
      // Called while the factory runs: imported here, not hoisted above it.
      ...(await import("./test/fakeCore")).startupCalls(),
      appInfo: vi.fn(async () => appInfo({ language: core.language })),
      startDemo: vi.fn(),
      stopDemo: vi.fn(),
      listIntegrations: vi.fn(async () => [integration()]),
      getIntegration: vi.fn(async () => integration()),
      integrationStatuses: vi.fn(async () => ({ integrations: [health()] })),
      onStatusChanged: vi.fn(async () => () => {}),
      openMarketplace: vi.fn(async () => {}),
      runDiagnosis: vi.fn(),
      saveDiagnosisReport: vi.fn(),
      checkInjixoKey: vi.fn(),
      copyToClipboard: vi.fn(async () => {}),
    },
  };
});
const core$ = vi.mocked(ipc);

// Role queries are slow in jsdom on a loaded machine.
const SLOW = { timeout: 10_000 };
vi.setConfig({ testTimeout: 30_000 });

function renderApp(hash: string) {
  window.location.hash = hash;
  return render(<App queryClient={new QueryClient({ defaultOptions: { queries: { retry: false } } })} />);
}

async function diagnosed(answer: DiagnosisRun) {
  core$.runDiagnosis.mockResolvedValue(answer);
  renderApp("#/integrations/int-1/diagnose");
  return screen.findByTestId("verdict-heading", {}, SLOW);
}

const rows = () => within(screen.getByTestId("diagnose-links")).getAllByRole("listitem");

// A revoked Freshdesk key: the links that need the API are not checked.
const KEY_REVOKED_LINKS = withLinks(
  link("credentials", "failed", "key_rejected", { status: 401 }),
  link("role", "skipped", "not_checked"),
  link("plan", "skipped", "not_checked"),
  link("api", "skipped", "not_checked"),
  link("source_activity", "skipped", "not_checked"),
  link("queue_drift", "skipped", "not_checked"),
  link("time_zone", "skipped", "not_checked"),
);

beforeEach(async () => {
  vi.clearAllMocks();
  core.language = "en";
  await i18n.changeLanguage("en");
});

describe("Diagnose page", () => {
  it("runs on open and shows the first failed link as the verdict, with its fix, then every link in order", async () => {
    const heading = await diagnosed(run(KEY_REVOKED_LINKS));
    expect(core$.runDiagnosis).toHaveBeenCalledTimes(1);
    expect(core$.runDiagnosis).toHaveBeenCalledWith("int-1");
    expect(heading).toHaveTextContent("First broken link: Credentials");
    const en = resources.en.diagnose.codes.key_rejected;
    expect(screen.getByTestId("verdict-message")).toHaveTextContent(en.message);
    expect(screen.getByTestId("verdict-fix")).toHaveTextContent(`Fix: ${en.fix}`);
    // The result gets focus, so a screen reader reads it first.
    await waitFor(() => expect(heading).toHaveFocus(), SLOW);

    expect(rows().map((row) => row.dataset.testid)).toEqual(LINK_ORDER.map((id) => `link-${id}`));
    const credentials = screen.getByTestId("link-credentials");
    // Outcome as a word (not colour alone), translated message and fix.
    expect(within(credentials).getByText("Failed")).toBeInTheDocument();
    expect(within(credentials).getByTestId("link-message")).toHaveTextContent(en.message);
    expect(within(credentials).getByTestId("link-fix")).toHaveTextContent(en.fix);
    const role = screen.getByTestId("link-role");
    expect(within(role).getByText("Not checked")).toBeInTheDocument();
    expect(within(role).getByTestId("link-message")).toHaveTextContent(resources.en.diagnose.codes.not_checked.message);
    expect(within(role).queryByTestId("link-fix")).not.toBeInTheDocument();
    expect(within(screen.getByTestId("link-sync")).getByText("Passed")).toBeInTheDocument();
    // Never a raw translation key or the core's English stand-in for a known code.
    expect(screen.getByTestId("diagnose-page")).not.toHaveTextContent("diagnose.codes");
    expect(screen.getByTestId("diagnose-page")).not.toHaveTextContent("core:");
  });

  it("says no link failed on a healthy run, and lists the warnings after it", async () => {
    const warned = link("api", "warning", "budget_used_by_others", {
      rate_limit_total: 700,
      rate_limit_remaining: 70,
      used_by_others: 630,
    });
    const heading = await diagnosed(run(withLinks(warned)));
    expect(heading).toHaveTextContent("No link failed.");
    expect(screen.getByTestId("diagnose-verdict")).toHaveAttribute("data-verdict", "none");
    expect(screen.queryByTestId("verdict-message")).not.toBeInTheDocument();
    const warnings = screen.getByTestId("diagnose-warnings");
    expect(warnings).toHaveTextContent(
      "API: other apps on this help desk use about 630 of the 700 API calls per minute; 70 are left for the sync",
    );
    expect(within(screen.getByTestId("link-api")).getByText("Warning")).toBeInTheDocument();
    expect(rows()).toHaveLength(9);
  });

  it("fills the message's placeholders from the evidence and shows the evidence on demand", async () => {
    const since = "2026-11-30T08:00:00Z";
    const missing = link("source_activity", "failed", "source_activity_missing", {
      since,
      changed_tickets: 12,
      at_least: false,
    });
    await diagnosed(run(withLinks(missing)));
    const expected = `the help desk has 12 new or changed ticket(s) since ${formatDateTime(since)}, the cache has none`;
    expect(screen.getByTestId("verdict-message")).toHaveTextContent(expected);
    const row = screen.getByTestId("link-source_activity");
    expect(within(row).getByTestId("link-message")).toHaveTextContent(expected);
    expect(row).not.toHaveTextContent("{{");

    const evidence = within(row).getByTestId("link-evidence");
    expect(evidence).not.toHaveAttribute("open");
    await userEvent.click(within(evidence).getByText("Evidence"));
    expect(evidence).toHaveAttribute("open");
    const facts = within(evidence).getAllByRole("row").map((r) => r.textContent);
    expect(facts).toEqual([`since${formatDateTime(since)}`, "changed_tickets12", "at_leastfalse"]);
  });

  it("shows the core's English text for a code the UI has no words for, and when a placeholder lacks evidence", async () => {
    await diagnosed(
      run(
        withLinks(
          link("sync", "failed", "sync_brand_new_code"),
          link("source_activity", "warning", "source_activity_missing", { changed_tickets: 3 }),
        ),
      ),
    );
    expect(screen.getByTestId("verdict-message")).toHaveTextContent("core: sync_brand_new_code");
    expect(screen.getByTestId("verdict-fix")).toHaveTextContent("core fix: sync_brand_new_code");
    const activity = within(screen.getByTestId("link-source_activity")).getByTestId("link-message");
    expect(activity).toHaveTextContent("core: source_activity_missing");
  });

  it("shows progress while the diagnosis runs, and Run diagnosis runs it again", async () => {
    let answer: (run: DiagnosisRun) => void = () => {};
    core$.runDiagnosis.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)));
    renderApp("#/integrations/int-1/diagnose");
    const progress = await screen.findByTestId("diagnosis-running", {}, SLOW);
    expect(progress).toHaveTextContent("Checking every link live");
    expect(screen.queryByTestId("diagnose-verdict")).not.toBeInTheDocument();
    answer(run(KEY_REVOKED_LINKS));
    await screen.findByTestId("verdict-heading", {}, SLOW);
    expect(screen.queryByTestId("diagnosis-running")).not.toBeInTheDocument();

    core$.runDiagnosis.mockResolvedValueOnce(run(healthyLinks()));
    await userEvent.click(screen.getByRole("button", { name: "Run diagnosis" }));
    await waitFor(() => expect(screen.getByTestId("verdict-heading")).toHaveTextContent("No link failed."), SLOW);
    expect(core$.runDiagnosis).toHaveBeenCalledTimes(2);
  });

  it("runs once on open under StrictMode (effects run twice there) and still shows the result", async () => {
    core$.runDiagnosis.mockResolvedValue(run(KEY_REVOKED_LINKS));
    window.location.hash = "#/integrations/int-1/diagnose";
    render(
      <StrictMode>
        <App queryClient={new QueryClient({ defaultOptions: { queries: { retry: false } } })} />
      </StrictMode>,
    );
    expect(await screen.findByTestId("verdict-heading", {}, SLOW)).toHaveTextContent("First broken link");
    expect(core$.runDiagnosis).toHaveBeenCalledTimes(1);
  });

  it("shows the core's error when the diagnosis cannot run", async () => {
    core$.runDiagnosis.mockRejectedValue(new IpcError({ code: "integration_not_found", message: "no such integration" }));
    renderApp("#/integrations/int-1/diagnose");
    const error = await screen.findByTestId("diagnosis-error", {}, SLOW);
    expect(error).toHaveTextContent(resources.en.errors.integration_not_found);
  });

  it("copies the report", async () => {
    const answer = run(KEY_REVOKED_LINKS);
    await diagnosed(answer);
    await userEvent.click(screen.getByRole("button", { name: "Copy report" }));
    expect(core$.copyToClipboard).toHaveBeenCalledWith(answer.report);
    expect(await screen.findByText("Report copied to the clipboard.", { exact: false })).toBeInTheDocument();
  });

  it("saves the report and shows where", async () => {
    const answer = run(KEY_REVOKED_LINKS);
    const path = "/home/ana/.local/share/integration-desk/reports/support-eu-2026-11-30T101500Z.md";
    core$.saveDiagnosisReport.mockResolvedValue(path);
    await diagnosed(answer);
    await userEvent.click(screen.getByRole("button", { name: "Save report…" }));
    expect(core$.saveDiagnosisReport).toHaveBeenCalledWith("int-1", answer.report);
    await waitFor(() => expect(screen.getByTestId("report-notice")).toHaveTextContent(`Report saved: ${path}`), SLOW);
  });

  it("renders a verdict in German", async () => {
    core.language = "de";
    const heading = await diagnosed(run(KEY_REVOKED_LINKS));
    await waitFor(() => expect(heading).toHaveTextContent("Erstes defektes Glied: Zugangsdaten"), SLOW);
    const de = resources.de.diagnose.codes.key_rejected;
    expect(screen.getByTestId("verdict-message")).toHaveTextContent(de.message);
    expect(screen.getByTestId("verdict-fix")).toHaveTextContent(`Behebung: ${de.fix}`);
    expect(within(screen.getByTestId("link-role")).getByText("Nicht geprüft")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Bericht kopieren" })).toBeInTheDocument();
    expect(screen.getByRole("heading", { name: "Schlüssel aus der Client-App prüfen" })).toBeInTheDocument();
  });
});

describe("injixo API key check", () => {
  async function check(key: string) {
    core$.runDiagnosis.mockResolvedValue(run(healthyLinks()));
    renderApp("#/integrations/int-1/diagnose");
    const input = await screen.findByLabelText("injixo API key from the client app's installation page", {}, SLOW);
    expect(input).toHaveAttribute("type", "password");
    await userEvent.type(input, key);
    await userEvent.click(screen.getByRole("button", { name: "Check key" }));
    expect(core$.checkInjixoKey).toHaveBeenCalledWith("int-1", key);
    // The pasted key does not stay on screen.
    expect(input).toHaveValue("");
    return screen.findByTestId("key-check-answer", {}, SLOW);
  }

  it("answers active, with the day it was issued", async () => {
    core$.checkInjixoKey.mockResolvedValue({ result: "active", issued_at: ISSUED_AT, replaced_at: null });
    const answer = await check("ijx_current");
    expect(answer).toHaveTextContent(`Active (issued on ${formatDateTime(ISSUED_AT)})`);
    expect(within(answer).queryByTestId("key-check-fix")).not.toBeInTheDocument();
  });

  it("answers replaced, with the day and what to do", async () => {
    const replacedAt = "2026-11-20T14:00:00Z";
    core$.checkInjixoKey.mockResolvedValue({ result: "replaced", issued_at: ISSUED_AT, replaced_at: replacedAt });
    const answer = await check("ijx_old");
    expect(answer).toHaveTextContent(`Replaced on ${formatDateTime(replacedAt)} by a newer key`);
    expect(within(answer).getByTestId("key-check-fix")).toHaveTextContent("regenerate the injixo API key");
    expect(within(answer).getByRole("link", { name: "Open the integration's page" })).toHaveAttribute(
      "href",
      "#/integrations/int-1",
    );
  });

  it("answers unknown for a key never issued here", async () => {
    core$.checkInjixoKey.mockResolvedValue({ result: "unknown", issued_at: null, replaced_at: null });
    const answer = await check("ijx_someone_elses");
    expect(answer).toHaveTextContent("Unknown: never issued here");
    expect(within(answer).getByTestId("key-check-fix")).toBeInTheDocument();
  });

  it("is offered by a regenerated-key verdict, which names the day, and takes the focus to the key field", async () => {
    const regenerated = link("injixo_key", "failed", "injixo_key_regenerated", {
      issued_at: ISSUED_AT,
      replaced_count: 1,
    });
    await diagnosed(run(withLinks(regenerated)));
    expect(screen.getByTestId("verdict-message")).toHaveTextContent(
      `the injixo API key was regenerated on ${formatDateTime(ISSUED_AT)}`,
    );
    const verdict = screen.getByTestId("diagnose-verdict");
    await userEvent.click(within(verdict).getByRole("button", { name: "Check a key from the client app" }));
    expect(screen.getByLabelText("injixo API key from the client app's installation page")).toHaveFocus();
    const row = screen.getByTestId("link-injixo_key");
    expect(within(row).getByRole("button", { name: "Check a key from the client app" })).toBeInTheDocument();
  });

  it("cannot check an empty key", async () => {
    core$.runDiagnosis.mockResolvedValue(run(healthyLinks()));
    renderApp("#/integrations/int-1/diagnose");
    await screen.findByTestId("verdict-heading", {}, SLOW);
    expect(screen.getByRole("button", { name: "Check key" })).toBeDisabled();
  });
});

describe("entry points", () => {
  it("the dashboard card's Diagnose button leads to the page", async () => {
    core$.runDiagnosis.mockResolvedValue(run(KEY_REVOKED_LINKS));
    renderApp("#/dashboard");
    const button = await screen.findByRole("link", { name: "Diagnose Support EU" }, SLOW);
    expect(button).toHaveAttribute("href", "#/integrations/int-1/diagnose");
    await userEvent.click(button);
    expect(await screen.findByTestId("verdict-heading", {}, SLOW)).toHaveTextContent("First broken link: Credentials");
    expect(core$.runDiagnosis).toHaveBeenCalledWith("int-1");
  });

  it("the integration page's Diagnose button leads to the page", async () => {
    core$.runDiagnosis.mockResolvedValue(run(healthyLinks()));
    renderApp("#/integrations/int-1");
    const button = await screen.findByRole("link", { name: "Diagnose" }, SLOW);
    await userEvent.click(button);
    expect(await screen.findByRole("heading", { level: 1, name: "Diagnosis of Support EU" }, SLOW)).toBeInTheDocument();
    expect(await screen.findByTestId("verdict-heading", {}, SLOW)).toHaveTextContent("No link failed.");
  });
});
