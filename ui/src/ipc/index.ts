// The one module that talks to Tauri. Everything else in the UI calls these typed functions,
// and unit tests mock this module (or use @tauri-apps/api/mocks).
import { Channel, invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import { writeText } from "@tauri-apps/plugin-clipboard-manager";
import type { AppInfo } from "./bindings/AppInfo";
import type { CheckId } from "./bindings/CheckId";
import type { CheckResult } from "./bindings/CheckResult";
import type { ConnectionTest } from "./bindings/ConnectionTest";
import type { ContactRow } from "./bindings/ContactRow";
import type { ImportEvent } from "./bindings/ImportEvent";
import type { PreviewReport } from "./bindings/PreviewReport";
import type { RuleDecision } from "./bindings/RuleDecision";
import type { DemoAccount } from "./bindings/DemoAccount";
import type { DiagnoseLink } from "./bindings/DiagnoseLink";
import type { DiagnoseVerdict } from "./bindings/DiagnoseVerdict";
import type { Diagnosis } from "./bindings/Diagnosis";
import type { DemoInfo } from "./bindings/DemoInfo";
import type { DemoProgress } from "./bindings/DemoProgress";
import type { DemoStep } from "./bindings/DemoStep";
import type { ErrorCode } from "./bindings/ErrorCode";
import type { GeneratedInjixoKey } from "./bindings/GeneratedInjixoKey";
import type { InjixoKeyInfo } from "./bindings/InjixoKeyInfo";
import type { Integration } from "./bindings/Integration";
import type { IntegrationStatus } from "./bindings/IntegrationStatus";
import type { IpcError as IpcErrorShape } from "./bindings/IpcError";
import type { KeyCheck } from "./bindings/KeyCheck";
import type { KeyCheckResult } from "./bindings/KeyCheckResult";
import type { Language } from "./bindings/Language";
import type { LinkId } from "./bindings/LinkId";
import type { LinkOutcome } from "./bindings/LinkOutcome";
import type { NormalizedDomain } from "./bindings/NormalizedDomain";
import type { Outcome } from "./bindings/Outcome";
import type { Product } from "./bindings/Product";
import type { SaveResult } from "./bindings/SaveResult";
import type { SyncState } from "./bindings/SyncState";
import type { SyncStatus } from "./bindings/SyncStatus";
import type {
  CreditsMinute,
  IntegrationHealth,
  RateLimitSample,
  StatusNote,
  StatusReason,
  StatusReport,
  StatusState,
} from "./status";
import type { DiagnosisRun } from "./diagnose";
import type { TicketTimeline } from "./bindings/TicketTimeline";
// The queue-naming explorer and queue shares (issue 14).
import type { ContactRule } from "./bindings/ContactRule";
import type { GroupChoice } from "./bindings/GroupChoice";
import type { NamedQueue } from "./bindings/NamedQueue";
import type { NamingGroup } from "./bindings/NamingGroup";
import type { NamingKind } from "./bindings/NamingKind";
import type { NamingOptions } from "./bindings/NamingOptions";
import type { NamingQuery } from "./bindings/NamingQuery";
import type { NamingSource } from "./bindings/NamingSource";
import type { QueueShare } from "./bindings/QueueShare";
import type { QueueShares } from "./bindings/QueueShares";
export type {
  ContactRule,
  GroupChoice,
  NamedQueue,
  NamingGroup,
  NamingKind,
  NamingOptions,
  NamingQuery,
  NamingSource,
  QueueShare,
  QueueShares,
};

export type {
  TicketTimeline,
  AppInfo,
  CheckId,
  CheckResult,
  ConnectionTest,
  ContactRow,
  DemoAccount,
  DemoInfo,
  DemoProgress,
  DemoStep,
  DiagnoseLink,
  DiagnoseVerdict,
  Diagnosis,
  DiagnosisRun,
  ErrorCode,
  GeneratedInjixoKey,
  ImportEvent,
  InjixoKeyInfo,
  Integration,
  IntegrationStatus,
  KeyCheck,
  KeyCheckResult,
  Language,
  LinkId,
  LinkOutcome,
  NormalizedDomain,
  Outcome,
  PreviewReport,
  Product,
  RuleDecision,
  SaveResult,
  SyncState,
  SyncStatus,
  CreditsMinute,
  IntegrationHealth,
  RateLimitSample,
  StatusNote,
  StatusReason,
  StatusReport,
  StatusState,
};

/** An error from the core, rethrown with its stable code; the UI translates by `code`. */
export class IpcError extends Error {
  readonly code: ErrorCode;
  constructor(shape: IpcErrorShape) {
    super(shape.message);
    this.name = "IpcError";
    this.code = shape.code;
  }
}

function isIpcErrorShape(value: unknown): value is IpcErrorShape {
  return typeof value === "object" && value !== null && "code" in value && "message" in value;
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    if (isIpcErrorShape(error)) throw new IpcError(error);
    throw new IpcError({ code: "internal", message: String(error) });
  }
}

export const ipc = {
  appInfo: () => call<AppInfo>("app_info"),
  /**
   * The first screen has painted: the core starts what it deferred (the store's integrity check,
   * the background syncs). Once per start is enough; later calls change nothing.
   */
  uiReady: () => call<void>("ui_ready"),
  /** Calls `handler` when the store failed the check that runs after the first paint. */
  onStoreFailed: (handler: () => void): Promise<() => void> => listen("store-failed", () => handler()),
  setLanguage: (language: Language) => call<AppInfo>("set_language", { language }),
  /** Opens the injixo app's Freshworks marketplace page in the system browser. */
  openMarketplace: () => call<void>("open_marketplace"),

  /** Switches to the demo account: in-process simulator, integrations kept in <data folder>/demo. */
  startDemo: () => call<DemoInfo>("start_demo"),
  /** Leaves the demo and returns to the user's own integrations. */
  stopDemo: () => call<void>("stop_demo"),
  /** Returns the demo to its starting point (both integrations, a few days imported, syncing). */
  resetDemo: () => call<DemoInfo>("reset_demo"),
  /** Calls `handler` with each step while the demo is being prepared (start or reset). */
  onDemoProgress: (handler: (progress: DemoProgress) => void): Promise<() => void> =>
    listen<DemoProgress>("demo-progress", (event) => handler(event.payload)),

  listIntegrations: () => call<Integration[]>("list_integrations"),
  getIntegration: (id: string) => call<Integration>("get_integration", { id }),
  /** Validates domain and key and runs the checks; stores nothing. */
  testConnection: (product: Product, domain: string, apiKey: string) =>
    call<ConnectionTest>("test_connection", { product, domain, apiKey }),
  /** Runs the checks and saves only when they allow it (`integration` is null otherwise). */
  addIntegration: (product: Product, name: string, domain: string, apiKey: string) =>
    call<SaveResult>("add_integration", { product, name, domain, apiKey }),
  /** `apiKey` null keeps the stored key. The checks run again before anything changes. */
  editIntegration: (id: string, name: string, domain: string, apiKey: string | null) =>
    call<SaveResult>("edit_integration", { id, name, domain, apiKey }),
  recheckIntegration: (id: string) => call<Integration>("recheck_integration", { id }),
  removeIntegration: (id: string) => call<void>("remove_integration", { id }),
  /** The new key's text is in the result this once; show it, offer Copy, then forget it. */
  generateInjixoKey: (id: string) => call<GeneratedInjixoKey>("generate_injixo_key", { id }),

  /**
   * Starts (or resumes) the initial import in the background. `onEvent` receives progress, then
   * one of finished / failed / cancelled. `since` is YYYY-MM-DD or RFC 3339 (default: 90 days).
   */
  startImport: (id: string, since: string | null, onEvent: (event: ImportEvent) => void) => {
    const channel = new Channel<ImportEvent>();
    channel.onmessage = onEvent;
    return call<void>("start_import", { id, since, onEvent: channel });
  },
  /** Stops a running import; what was committed stays, and starting again continues. */
  cancelImport: (id: string) => call<boolean>("cancel_import", { id }),
  importRunning: (id: string) => call<boolean>("import_running", { id }),
  /**
   * Every queue with its total; the per-interval counts only of `queues` (all when null).
   * `from`/`to` RFC 3339 (default: the last 7 days).
   */
  queueReport: (
    id: string,
    from: string | null,
    to: string | null,
    intervalMinutes: 15 | 30 | 60,
    timeZone: string | null,
    queues: string[] | null,
  ) => call<PreviewReport>("queue_report", { id, from, to, intervalMinutes, timeZone, queues }),
  /** The contacts behind one count (at most 500). */
  queueContacts: (id: string, queue: string, from: string, to: string) =>
    call<ContactRow[]>("queue_contacts", { id, queue, from, to }),

  /** The continuous stage (background sync after the initial import). */
  syncStatus: (id: string) => call<SyncStatus>("sync_status", { id }),
  /** Stops syncing until Resume (kept across restarts). */
  pauseSync: (id: string) => call<SyncStatus>("pause_sync", { id }),
  /** Syncs at once (which imports the gap), then periodically. */
  resumeSync: (id: string) => call<SyncStatus>("resume_sync", { id }),
  /** The period, 1 to 1440 minutes (`invalid_sync_interval` otherwise). */
  setSyncEvery: (id: string, minutes: number) => call<SyncStatus>("set_sync_every", { id, minutes }),
  /** Starts the next sync now when the stage is waiting. */
  syncNow: (id: string) => call<SyncStatus>("sync_now", { id }),

  /** Every integration's status (state, reason, since, freshness, rate-limit headroom). */
  integrationStatuses: () => call<StatusReport>("integration_statuses"),
  integrationStatus: (id: string) => call<IntegrationHealth>("integration_status", { id }),
  /**
   * Calls `handler` whenever a status may have changed (a sync ended, an import progressed or
   * ended, a check ran, a pause or resume). Resolves to the function that unsubscribes.
   */
  onStatusChanged: (handler: () => void): Promise<() => void> => listen("status-changed", () => handler()),

  ruleDecisions: () => call<RuleDecision[]>("rule_decisions"),
  /** Opens https://<domain>/a/tickets/<ticketId> in the system browser. */
  openTicket: (id: string, ticketId: number) => call<void>("open_ticket", { id, ticketId }),
  /**
   * Why one Freshdesk ticket became N contacts in M queues: from the cache, or fetched live with
   * one API call (`ticket_not_found`, `explain_freshdesk_only`).
   */
  explainTicket: (id: string, ticket: number) => call<TicketTimeline>("explain_ticket", { id, ticket }),

  /** Checks every link of the chain live (takes seconds) and makes the redacted report. */
  runDiagnosis: (id: string) => call<DiagnosisRun>("run_diagnosis", { id }),
  /** Writes the report under <data folder>/reports/ and returns the file's absolute path. */
  saveDiagnosisReport: (id: string, report: string) => call<string>("save_diagnosis_report", { id, report }),
  /** Whether a pasted injixo API key is the current one, a replaced one, or was never issued here. */
  checkInjixoKey: (id: string, key: string) => call<KeyCheck>("check_injixo_key", { id, key }),

  /** The groups and sources the queue-naming form offers (from the cache; defaults before an import). */
  namingOptions: (id: string) => call<NamingOptions>("naming_options", { id }),
  /** The queue a contact lands in, with the rule and decisions behind the name. */
  nameQueue: (id: string, query: NamingQuery) => call<NamedQueue>("name_queue", { id, query }),
  /** Every queue of the cached contacts with its share (empty before an import). */
  queueShares: (id: string) => call<QueueShares>("queue_shares", { id }),
  /** The queue shares as CSV text, for the UI to save. */
  queueSharesCsv: (id: string) => call<string>("queue_shares_csv", { id }),
  /** Saves the queue shares as a CSV file in the reports folder; answers its path. */
  saveQueueSharesCsv: (id: string) => call<string>("save_queue_shares_csv", { id }),

  copyToClipboard: async (text: string) => {
    try {
      await writeText(text);
    } catch (error) {
      throw new IpcError({ code: "internal", message: String(error) });
    }
  },
};
