// Rendering and form helpers of the setup flow tests (setupFlow.test.tsx, integrationPages.test.tsx).
import { QueryClient } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { vi } from "vitest";
import { App } from "../App";
import i18n from "../i18n";
import { ipc } from "../ipc";
import { appInfo } from "./fakeCore";
import { core } from "./setupFlowCore";

export const core$ = vi.mocked(ipc);

export let queryClient: QueryClient;
export function renderApp(hash: string) {
  window.location.hash = hash;
  queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(<App queryClient={queryClient} />);
}

export async function fillForm(values: { name?: string; domain?: string; apiKey?: string }) {
  const name = await screen.findByLabelText(/^Name/);
  if (values.name !== undefined) await userEvent.type(name, values.name);
  if (values.domain !== undefined) await userEvent.type(screen.getByLabelText(/^Domain/), values.domain);
  if (values.apiKey !== undefined) await userEvent.type(screen.getByLabelText(/^API key/), values.apiKey);
}

export const saveButton = () => screen.getByRole("button", { name: "Save integration" });
export const testButton = () => screen.getByRole("button", { name: "Test connection" });

/** For `beforeEach`: no answers left from the previous test, English, an empty list. */
export async function resetCore() {
  vi.clearAllMocks();
  core.info = appInfo();
  core$.listIntegrations.mockResolvedValue([]);
  await i18n.changeLanguage("en");
}
