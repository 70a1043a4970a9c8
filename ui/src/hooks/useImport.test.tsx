import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, renderHook } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { ImportEvent } from "../ipc";
import { REFRESH_MS, resetImportStates, useImport } from "./useImport";

const core = vi.hoisted(() => ({ onEvent: null as null | ((e: ImportEvent) => void) }));
vi.mock("../ipc", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../ipc")>();
  return {
    ...actual,
    ipc: {
      importRunning: vi.fn(async () => false),
      startImport: vi.fn(async (_id: string, _since: string | null, onEvent: (e: ImportEvent) => void) => {
        core.onEvent = onEvent;
      }),
      cancelImport: vi.fn(async () => true),
    },
  };
});

describe("useImport", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    resetImportStates();
  });
  afterEach(() => vi.useRealTimers());

  it("refreshes the report every 2 s while the import runs, and once when it ends", async () => {
    const client = new QueryClient();
    const invalidate = vi.spyOn(client, "invalidateQueries");
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    );
    const { result } = renderHook(() => useImport("int-1"), { wrapper });
    await act(async () => result.current.start(null));
    act(() => core.onEvent!({ event: "progress", phase: "catalog", done: 1, total: 2, etaSeconds: 5 }));
    expect(result.current.state).toMatchObject({ status: "running", phase: "catalog", done: 1, total: 2 });
    expect(invalidate).not.toHaveBeenCalled();
    await act(async () => vi.advanceTimersByTime(REFRESH_MS - 1));
    expect(invalidate).not.toHaveBeenCalled();
    await act(async () => vi.advanceTimersByTime(1));
    expect(invalidate).toHaveBeenCalledTimes(1);
    expect(invalidate).toHaveBeenLastCalledWith({ queryKey: ["queueReport", "int-1"] });
    await act(async () => vi.advanceTimersByTime(REFRESH_MS));
    expect(invalidate).toHaveBeenCalledTimes(2);
    act(() => core.onEvent!({ event: "finished", records: 3, newContacts: 2, warnings: [] }));
    expect(invalidate).toHaveBeenCalledTimes(3);
    expect(result.current.running).toBe(false);
    await act(async () => vi.advanceTimersByTime(REFRESH_MS * 3));
    expect(invalidate).toHaveBeenCalledTimes(3);
  });
});
