// The diagnosis (F12) and the injixo API key check (F13) as the Tauri commands return them.
import type { Diagnosis } from "./bindings/Diagnosis";

/** One run of `run_diagnosis`: the result, and the redacted Markdown report the core made of it. */
export type DiagnosisRun = { diagnosis: Diagnosis; report: string };
