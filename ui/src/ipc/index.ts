// The one module that talks to Tauri. Everything else in the UI calls these typed functions,
// and unit tests mock this module (or use @tauri-apps/api/mocks).
import { invoke } from "@tauri-apps/api/core";
import type { AppInfo } from "./bindings/AppInfo";
import type { ErrorCode } from "./bindings/ErrorCode";
import type { IpcError as IpcErrorShape } from "./bindings/IpcError";
import type { Language } from "./bindings/Language";

export type { AppInfo, ErrorCode, Language };

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
  setLanguage: (language: Language) => call<AppInfo>("set_language", { language }),
};
