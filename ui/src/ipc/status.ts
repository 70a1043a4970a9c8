// The status model as the core exports it (ts-rs bindings), under the names the dashboard uses.
// `idesk status --format json` prints the same fields (docs/cli.md, Health); a card adds the last
// hour's credits and the running import's share.
import type { HealthNote } from "./bindings/HealthNote";
import type { HealthReason } from "./bindings/HealthReason";
import type { HealthState } from "./bindings/HealthState";
import type { RateLimit } from "./bindings/RateLimit";
import type { RateMinute } from "./bindings/RateMinute";
import type { StatusCard } from "./bindings/StatusCard";
import type { StatusReport } from "./bindings/StatusReport";

export type StatusState = HealthState;
/** Why an integration is in its state: a stable code, the core's English text and the fix. */
export type StatusReason = HealthReason;
/** The last `X-RateLimit-Remaining` / `X-RateLimit-Total` seen, and when (RFC 3339). */
export type RateLimitSample = RateLimit;
/** Credits used in one minute (`at`, RFC 3339): by this integration, and by every other app. */
export type CreditsMinute = RateMinute;
export type StatusNote = HealthNote;
export type IntegrationHealth = StatusCard;
export type { StatusReport };
