// Builders for what `run_diagnosis` returns, for the UI tests that mock ui/src/ipc.
import type { DiagnoseLink, Diagnosis, DiagnosisRun, LinkId } from "../ipc";

export const LINK_ORDER: LinkId[] = [
  "credentials",
  "role",
  "plan",
  "api",
  "sync",
  "source_activity",
  "queue_drift",
  "time_zone",
  "injixo_key",
];

/** A link with the core's English text ("core: <code>", so a translated row is told apart). */
export function link(
  id: LinkId,
  outcome: DiagnoseLink["outcome"],
  code: string,
  evidence: Record<string, unknown> = {},
): DiagnoseLink {
  const fix = outcome === "failed" || outcome === "warning" ? `core fix: ${code}` : null;
  return { link: id, outcome, code, message: `core: ${code}`, fix, evidence };
}

export const ISSUED_AT = "2026-11-02T09:30:00Z";

/** Every link healthy. */
export function healthyLinks(): DiagnoseLink[] {
  return [
    link("credentials", "passed", "key_ok"),
    link("role", "passed", "role_ok"),
    link("plan", "passed", "plan_ok", { plan: "enterprise" }),
    link("api", "passed", "api_ok", { rate_limit_total: 200, rate_limit_remaining: 180, used_by_others: 0 }),
    link("sync", "passed", "sync_running", { paused: false, every_minutes: 5 }),
    link("source_activity", "passed", "no_new_activity", { since: "2026-11-30T08:00:00Z", changed_tickets: 0 }),
    link("queue_drift", "passed", "queues_unchanged", { groups_stored: 4, groups_now: 4 }),
    link("time_zone", "passed", "time_zone_unchanged", { stored_zone: "Berlin", zone_now: "Berlin" }),
    link("injixo_key", "passed", "injixo_key_active", { issued_at: ISSUED_AT, replaced_count: 0 }),
  ];
}

/** `links` with the verdict the core derives: the first failed link. */
export function diagnosis(links: DiagnoseLink[]): Diagnosis {
  const first = links.find((l) => l.outcome === "failed");
  return {
    integration: "Support EU",
    at: "2026-11-30T10:15:00Z",
    verdict: first ? { link: first.link, code: first.code, message: first.message, fix: first.fix } : null,
    links,
  };
}

export function run(links: DiagnoseLink[]): DiagnosisRun {
  const d = diagnosis(links);
  return { diagnosis: d, report: `# Integration Desk diagnosis: ${d.integration}\n\n- Links: ${links.length} checked\n` };
}

/** `healthyLinks()` with some links replaced. */
export function withLinks(...changed: DiagnoseLink[]): DiagnoseLink[] {
  return healthyLinks().map((l) => changed.find((c) => c.link === l.link) ?? l);
}
