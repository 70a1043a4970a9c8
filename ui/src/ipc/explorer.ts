// The queue-naming explorer's IPC types (issue 14; the shared contract in ISSUE14.md): the ticket
// timeline (`explain_ticket`), the naming options and names (`naming_options`, `name_queue`) and
// the queue shares (`queue_shares`, `queue_shares_csv`).
//
// Written by hand while the core's Rust types are being added; once their ts-rs bindings exist in
// ./bindings, each type here becomes an alias of its generated binding (e.g.
// `export type { NamedQueue } from "./bindings/NamedQueue"`), and the compiler then checks that
// the UI and the core agree. Fields are camelCase (serde rename_all), enums their snake_case strings.
import type { Product } from "./bindings/Product";

/** Why a contact has its queue name (the UI translates it under `explorer.rules.<id>`). */
export type ContactRule =
  | "new_ticket"
  | "incoming_conversation"
  | "spam_or_deleted_ticket"
  | "spam_or_deleted_reply"
  | "chat_resolved"
  | "chat_undefined";

/** Why a conversation is not a contact (`explorer.why.<id>`). */
export type NotCountedWhy = "agent_reply" | "private_note";

/** Where a ticket's timeline came from: the local cache, or one live API call. */
export type TimelineOrigin = "cache" | "live";

/** One contact a ticket or conversation became. */
export type CountedContact = {
  /** "ticket" | "reply". */
  kind: string;
  /** Never translated. */
  queue: string;
  rule: ContactRule;
  /** Ids of `idesk_rules::DECISIONS` that shaped the name (`data.decisions.<id>`); empty when none did. */
  decisions: string[];
  /** RFC 3339 with the account zone's offset. */
  intervalStart: string;
  /** Whether this contact is in the cache's counts. */
  stored: boolean;
};

/** The ticket's creation (`conversation` null) or one of its conversations. */
export type TimelineEntry = {
  conversation: number | null;
  /** UTC, RFC 3339. */
  at: string;
  /** Conversations only. */
  incoming: boolean | null;
  /** Conversations only. */
  private: boolean | null;
  /** Exactly one of `counted` and `notCounted` is set. */
  counted: CountedContact | null;
  notCounted: NotCountedWhy | null;
};

/** Why one ticket became N contacts in M queues ("Reconcile per ticket"). */
export type TicketTimeline = {
  /** The integration's name. */
  integration: string;
  ticket: number;
  origin: TimelineOrigin;
  /** The group label as queue names use it: a name, "No group", "Group <id>". */
  group: string;
  /** The ticket's source key: "email", "Partner Portal", "source_42". */
  source: string;
  spam: boolean;
  deleted: boolean;
  /** IANA zone the intervals are in (the account's). */
  timeZone: string;
  intervalMinutes: number;
  /** The ticket first, then its conversations oldest first. */
  entries: TimelineEntry[];
};

export type NamingGroup = { id: string; name: string };
export type NamingSource = { code: number; key: string; custom: boolean };

/** What the naming form offers for one integration. */
export type NamingOptions = {
  product: Product;
  /** The account's groups from the cache catalog (empty before an import). */
  groups: NamingGroup[];
  /** Freshdesk: every default source and the account's own; Freshchat: empty. */
  ticketSources: NamingSource[];
  /** Freshdesk: the conversation sources; Freshchat: empty. */
  conversationSources: NamingSource[];
};

export type GroupChoice = { kind: "group"; id: string } | { kind: "no_group" } | { kind: "deleted_group"; id: string };

export type NamingKind =
  | "new_ticket"
  | "reply"
  | "spam_or_deleted_ticket"
  | "spam_or_deleted_reply"
  | "chat_resolved"
  | "chat_deleted_or_spam";

export type NamingQuery = { group: GroupChoice; source: number | null; kind: NamingKind };

export type NamedQueue = {
  /** Never translated. */
  name: string;
  /** "cases" | "chat". */
  channel: string;
  rule: ContactRule;
  decisions: string[];
  /** Typically irrelevant for scheduling (Unknown group/source …, Undefined_Queue). */
  irrelevant: boolean;
};

export type QueueShare = {
  name: string;
  channel: string;
  contacts: number;
  /** 0..=1. */
  share: number;
  irrelevant: boolean;
};

/** "What will my help desk create?": the cached contacts by queue, most first. */
export type QueueShares = {
  integration: string;
  /** The span of the cached contacts counted; null when there are none. */
  from: string | null;
  to: string | null;
  total: number;
  queues: QueueShare[];
};
