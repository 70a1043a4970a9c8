// The queue-naming explorer's and the ticket timeline's types, generated from the Rust types.
export type { ContactRule } from "./bindings/ContactRule";
export type { CountedContact } from "./bindings/CountedContact";
export type { GroupChoice } from "./bindings/GroupChoice";
export type { NamedQueue } from "./bindings/NamedQueue";
export type { NamingGroup } from "./bindings/NamingGroup";
export type { NamingKind } from "./bindings/NamingKind";
export type { NamingOptions } from "./bindings/NamingOptions";
export type { NamingQuery } from "./bindings/NamingQuery";
export type { NamingSource } from "./bindings/NamingSource";
export type { NotCountedWhy } from "./bindings/NotCountedWhy";
export type { QueueShare } from "./bindings/QueueShare";
export type { QueueShares } from "./bindings/QueueShares";
export type { TicketTimeline } from "./bindings/TicketTimeline";
export type { TimelineEntry } from "./bindings/TimelineEntry";
export type { TimelineOrigin } from "./bindings/TimelineOrigin";
