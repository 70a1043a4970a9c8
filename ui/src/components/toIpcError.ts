import { IpcError } from "../ipc";

/** ui/src/ipc throws only IpcError; anything else is a bug shown as "internal". */
export function toIpcError(error: unknown): IpcError {
  return error instanceof IpcError ? error : new IpcError({ code: "internal", message: String(error) });
}
