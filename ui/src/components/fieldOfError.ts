import type { ErrorCode } from "../ipc";

export type FormField = "name" | "domain" | "apiKey";

/** Which input an input error concerns, so its message is shown next to that input. */
export function fieldOfError(code: ErrorCode): FormField | null {
  if (code.startsWith("domain_")) return "domain";
  if (code.startsWith("name_")) return "name";
  if (code.startsWith("api_key_")) return "apiKey";
  return null;
}
