// The setup flow's fake core: ui/src/ipc replaced by vi.fn()s; each test says what the core answers.
// Free of runtime imports of ui/src/ipc, so a test file's `vi.mock("./ipc", ...)` factory can import it.
import { vi } from "vitest";
import type * as IpcModule from "../ipc";
import type { AppInfo } from "../ipc";
import { startupCalls } from "./fakeCore";

export const core = { info: undefined as unknown as AppInfo };

/** ui/src/ipc with `ipc` replaced by vi.fn()s; `actual` is the real module. */
export function fakeIpcModule(actual: typeof IpcModule) {
  return {
    ...actual,
    ipc: {
      ...startupCalls(),
      appInfo: vi.fn(async () => core.info),
      setLanguage: vi.fn(),
      openMarketplace: vi.fn(async () => {}),
      startDemo: vi.fn(),
      stopDemo: vi.fn(),
      resetDemo: vi.fn(),
      onDemoProgress: vi.fn(async () => () => {}),
      listIntegrations: vi.fn(async () => []),
      // No status report yet: the list shows the stored connection status.
      integrationStatuses: vi.fn(async () => ({ integrations: [] })),
      onStatusChanged: vi.fn(async () => () => {}),
      getIntegration: vi.fn(),
      testConnection: vi.fn(),
      addIntegration: vi.fn(),
      editIntegration: vi.fn(),
      recheckIntegration: vi.fn(),
      removeIntegration: vi.fn(async () => {}),
      generateInjixoKey: vi.fn(),
      copyToClipboard: vi.fn(async () => {}),
    },
  };
}
