// Builders for the status report (ipc.integrationStatuses), for the UI tests that mock ui/src/ipc.
import type { CreditsMinute, IntegrationHealth, StatusReason } from "../ipc";

export function minutesAgo(minutes: number, now = Date.now()): string {
  return new Date(now - minutes * 60_000).toISOString();
}

/** `count` minutes ending now, oldest first, each with the credits `use(i)` gives. */
export function creditsLastHour(use: (i: number) => { ours: number; others: number }, count = 60): CreditsMinute[] {
  const now = Date.now();
  return Array.from({ length: count }, (_, i) => ({ at: minutesAgo(count - i, now), total: 200, ...use(i) }));
}

export function health(overrides: Partial<IntegrationHealth> = {}): IntegrationHealth {
  return {
    id: "int-1",
    name: "Support EU",
    product: "freshdesk",
    state: "operational",
    reason: null,
    since: minutesAgo(5.2),
    last_check: minutesAgo(30.5),
    last_sync: minutesAgo(2.5),
    last_data: minutesAgo(3.5),
    contacts_today: 42,
    rate_limit: { remaining: 180, total: 200, at: minutesAgo(2.5) },
    credits_last_hour: creditsLastHour(() => ({ ours: 0, others: 0 })),
    notes: [],
    import_progress: null,
    ...overrides,
  };
}

export const KEY_REVOKED: StatusReason = {
  code: "key_revoked",
  message: "The API key was revoked (core text).",
  fix: "Paste a new API key of an Account Administrator (core text).",
};
