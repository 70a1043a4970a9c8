// The queue explorer's fake core (explorer.test.tsx, explorerShares.test.tsx): ui/src/ipc replaced
// by vi.fn()s that answer from `core`. Free of runtime imports of ui/src/ipc, so a test file's
// `vi.mock("./ipc", ...)` factory can import it.
import { vi } from "vitest";
import type * as IpcModule from "../ipc";
import type { ImportEvent, Integration, Language } from "../ipc";
import type { NamedQueue, NamingOptions, NamingQuery, QueueShares, TicketTimeline } from "../ipc/explorer";
import { appInfo, integration, startupCalls } from "./fakeCore";

export const FRESHDESK_OPTIONS: NamingOptions = {
  product: "freshdesk",
  groups: [
    { id: "7", name: "Billing" },
    { id: "9", name: "Support" },
  ],
  ticketSources: [
    { code: 1, key: "email", custom: false },
    { code: 2, key: "portal", custom: false },
    { code: 101, key: "Partner Portal", custom: true },
  ],
  conversationSources: [
    { code: 0, key: "email", custom: false },
    { code: 2, key: "portal", custom: false },
    { code: 7, key: "chat", custom: false },
  ],
};

export const FRESHCHAT_OPTIONS: NamingOptions = {
  product: "freshchat",
  groups: [{ id: "c0ffee", name: "Customer Support" }],
  ticketSources: [],
  conversationSources: [],
};

/**
 * Names a query the way the documents' patterns do, so a test sees that the form's choice is what
 * reaches the core and that the page shows the core's answer.
 */
export function fakeName(options: NamingOptions, q: NamingQuery): NamedQueue {
  if (q.kind === "chat_resolved" || q.kind === "chat_deleted_or_spam") {
    const group = q.group.kind === "group" ? options.groups.find((g) => g.id === (q.group as { id: string }).id) : null;
    return group && q.kind === "chat_resolved"
      ? { name: group.name, channel: "chat", rule: "chat_resolved", decisions: [], irrelevant: false }
      : { name: "Undefined_Queue", channel: "chat", rule: "chat_undefined", decisions: ["chat_undefined_queue"], irrelevant: true };
  }
  const reply = q.kind === "reply" || q.kind === "spam_or_deleted_reply";
  const suffix = reply ? "Replies" : "Tickets";
  if (q.kind === "spam_or_deleted_ticket" || q.kind === "spam_or_deleted_reply") {
    const rule = reply ? "spam_or_deleted_reply" : "spam_or_deleted_ticket";
    return { name: `Unknown group/source ${suffix}`, channel: "cases", rule, decisions: ["initial_stage_spam"], irrelevant: true };
  }
  const decisions: string[] = [];
  let group: string;
  if (q.group.kind === "group") {
    const id = q.group.id;
    group = options.groups.find((g) => g.id === id)!.name;
  } else if (q.group.kind === "no_group") {
    group = "No group";
    decisions.push("no_group");
  } else {
    group = `Group ${q.group.id}`;
    decisions.push("deleted_group");
  }
  const source = (reply ? options.conversationSources : options.ticketSources).find((s) => s.code === q.source)!;
  if (source.custom) decisions.push("custom_source_case");
  const rule = reply ? "incoming_conversation" : "new_ticket";
  return { name: `${group} ${source.key} ${suffix}`, channel: "cases", rule, decisions, irrelevant: false };
}

/** A ticket by email, an agent's answer, a private note, and the customer's reply two days later. */
export function timeline(overrides: Partial<TicketTimeline> = {}): TicketTimeline {
  return {
    integration: "Support EU",
    ticket: 1234,
    origin: "cache",
    group: "Billing",
    source: "email",
    spam: false,
    deleted: false,
    timeZone: "UTC",
    intervalMinutes: 15,
    entries: [
      {
        conversation: null,
        at: "2026-11-27T09:05:00Z",
        incoming: null,
        private: null,
        counted: {
          kind: "ticket",
          queue: "Billing email Tickets",
          rule: "new_ticket",
          decisions: [],
          intervalStart: "2026-11-27T09:00:00+00:00",
          stored: true,
        },
        notCounted: null,
      },
      { conversation: 501, at: "2026-11-27T10:00:00Z", incoming: false, private: false, counted: null, notCounted: "agent_reply" },
      { conversation: 502, at: "2026-11-27T10:30:00Z", incoming: true, private: true, counted: null, notCounted: "private_note" },
      {
        conversation: 503,
        at: "2026-11-29T08:20:00Z",
        incoming: true,
        private: false,
        counted: {
          kind: "reply",
          queue: "Billing portal Replies",
          rule: "incoming_conversation",
          decisions: ["portal_note_reply"],
          intervalStart: "2026-11-29T08:15:00+00:00",
          stored: false,
        },
        notCounted: null,
      },
    ],
    ...overrides,
  };
}

export function shares(overrides: Partial<QueueShares> = {}): QueueShares {
  return {
    integration: "Support EU",
    from: "2026-11-22T00:10:00Z",
    to: "2026-11-29T23:50:00Z",
    total: 8,
    queues: [
      { name: "Billing email Tickets", channel: "cases", contacts: 5, share: 0.625, irrelevant: false },
      { name: "Unknown group/source Replies", channel: "cases", contacts: 2, share: 0.25, irrelevant: true },
      { name: "Billing portal Replies", channel: "cases", contacts: 1, share: 0.125, irrelevant: false },
    ],
    ...overrides,
  };
}

export const NO_SHARES: QueueShares = { integration: "Support EU", from: null, to: null, total: 0, queues: [] };

export const core = {
  language: "en" as Language,
  integrations: [] as Integration[],
  options: FRESHDESK_OPTIONS,
  shares: shares(),
  onEvent: null as null | ((e: ImportEvent) => void),
};

export function resetExplorerCore() {
  core.language = "en";
  core.integrations = [integration()];
  core.options = FRESHDESK_OPTIONS;
  core.shares = shares();
  core.onEvent = null;
}

/** ui/src/ipc with `ipc` replaced by vi.fn()s; `actual` is the real module. */
export function fakeIpcModule(actual: typeof IpcModule) {
  return {
    ...actual,
    ipc: {
      ...startupCalls(),
      appInfo: vi.fn(async () => appInfo({ language: core.language })),
      startDemo: vi.fn(),
      stopDemo: vi.fn(),
      listIntegrations: vi.fn(async () => core.integrations),
      getIntegration: vi.fn(async (id: string) => core.integrations.find((i) => i.id === id)!),
      integrationStatuses: vi.fn(async () => ({ integrations: [] })),
      onStatusChanged: vi.fn(async () => () => {}),
      ruleDecisions: vi.fn(async () => [
        { id: "no_group", rule: "English no group", reason: "r", implementedBy: "x" },
        { id: "brand_new_rule", rule: "An untranslated rule", reason: "r", implementedBy: "x" },
      ]),
      namingOptions: vi.fn(async () => core.options),
      nameQueue: vi.fn(async (_id: string, query: NamingQuery) => fakeName(core.options, query)),
      explainTicket: vi.fn(async () => timeline()),
      queueShares: vi.fn(async () => core.shares),
      queueSharesCsv: vi.fn(async () => "queue,channel,contacts,share_percent,irrelevant_for_scheduling\n"),
      saveQueueSharesCsv: vi.fn(async () => "/home/ana/.local/share/integration-desk/reports/queues-x.csv"),
      copyToClipboard: vi.fn(async () => {}),
      importRunning: vi.fn(async () => false),
      startImport: vi.fn(async (_id: string, _since: string | null, onEvent: (e: ImportEvent) => void) => {
        core.onEvent = onEvent;
      }),
      cancelImport: vi.fn(async () => true),
    },
  };
}
