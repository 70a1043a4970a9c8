// Builders for what the core returns, for the UI tests that replace ui/src/ipc with vi.mock.
import { vi } from "vitest";
import type { AppInfo, CheckResult, ConnectionTest, DemoInfo, Integration, Product } from "../ipc";

export function appInfo(overrides: Partial<AppInfo> = {}): AppInfo {
  return {
    version: "0.1.0",
    dataDir: "/tmp/idesk",
    logDir: "/tmp/idesk/logs",
    database: "/tmp/idesk/integration-desk.sqlite3",
    language: "en",
    storeError: null,
    demo: null,
    ...overrides,
  };
}

export function passed(check: CheckResult["check"], code: string): CheckResult {
  return { check, outcome: "passed", code, message: `core says ${code}` };
}
export function failed(check: CheckResult["check"], code: string): CheckResult {
  return { check, outcome: "failed", code, message: `core says ${code}` };
}
export function unverified(check: CheckResult["check"], code: string): CheckResult {
  return { check, outcome: "unverified", code, message: `core says ${code}` };
}

export const FRESHDESK_ALL_PASSED: CheckResult[] = [
  passed("host", "host_ok"),
  passed("key", "key_ok"),
  passed("account_admin", "account_admin_ok"),
  passed("ticket_scope", "ticket_scope_global"),
  passed("plan", "plan_ok"),
  passed("occasional_agent", "full_time_agent"),
];

export function connectionTest(checks: CheckResult[], canSave: boolean, host = "acme.freshdesk.com"): ConnectionTest {
  return { domain: { host, expandedFromSubdomain: false }, checks, canSave };
}

export function integration(overrides: Partial<Integration> = {}): Integration {
  const product: Product = overrides.product ?? "freshdesk";
  return {
    id: "int-1",
    name: "Support EU",
    product,
    domain: "acme.freshdesk.com",
    status: "operational",
    keyMask: "••••••••AbCd",
    checks: FRESHDESK_ALL_PASSED,
    checkedAt: "2026-11-30T02:00:00Z",
    createdAt: "2026-11-30T01:00:00Z",
    updatedAt: "2026-11-30T02:00:00Z",
    injixoKey: null,
    ...overrides,
  };
}

export function demoInfo(): DemoInfo {
  return {
    dataDir: "/tmp/idesk/demo",
    accounts: [
      {
        product: "freshdesk",
        domain: "acme.freshdesk.com",
        plan: "enterprise",
        suspended: false,
        keys: { account_admin: "fd-admin-key", agent: "fd-agent-key" },
      },
      {
        product: "freshdesk",
        domain: "acme-growth.freshdesk.com",
        plan: "growth",
        suspended: false,
        keys: { account_admin: "growth-admin-key" },
      },
      {
        product: "freshchat",
        domain: "acme.freshchat.com",
        plan: "enterprise",
        suspended: false,
        keys: { account_admin: "fc-admin-key" },
      },
    ],
  };
}

/** The start-up calls of the app's frame (first paint reported, store check listened to): no-ops. */
export function startupCalls() {
  return {
    uiReady: vi.fn(async () => {}),
    onStoreFailed: vi.fn(async () => () => {}),
  };
}
