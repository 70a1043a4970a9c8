// The status model as `idesk status --format json` prints it (cli.md, section Health), written by
// hand until the core exports it with ts-rs. Field names are the JSON's own (snake_case).
import type { Product } from "./bindings/Product";

export type StatusState = "new" | "importing" | "operational" | "paused" | "needs_attention" | "failing";

/** Why an integration is in its state: a stable code, the core's English text and the fix. */
export type StatusReason = { code: string; message: string; fix: string };

/** The last `X-RateLimit-Remaining` / `X-RateLimit-Total` seen, and when (RFC 3339). */
export type RateLimitSample = { remaining: number; total: number; at: string };

/** Credits used in one minute (RFC 3339 start): by this integration, and by everything else on the key's budget. */
export type CreditsMinute = { minute: string; ours: number; others: number };

export type StatusNote = { code: string; message: string };

export type IntegrationHealth = {
  id: string;
  name: string;
  product: Product;
  state: StatusState;
  reason: StatusReason | null;
  /** When the integration entered `state` (RFC 3339). */
  since: string | null;
  last_check: string | null;
  /** The last successful sync. */
  last_sync: string | null;
  /** The newest cached contact. */
  last_data: string | null;
  /** Cached contacts of today in the integration's time zone. */
  contacts_today: number;
  rate_limit: RateLimitSample | null;
  /** The last hour, oldest minute first. */
  credits_last_hour: CreditsMinute[];
  notes: StatusNote[];
  /** 0..1 while importing, else null. */
  import_progress: number | null;
};

export type StatusReport = { integrations: IntegrationHealth[] };
