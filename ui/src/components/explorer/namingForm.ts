// The naming form's choices as plain values (select values are strings) and the query they make.
import type { Product } from "../../ipc";
import type { GroupChoice, NamingKind, NamingOptions, NamingQuery, NamingSource } from "../../ipc/explorer";

export const KINDS: Record<Product, readonly NamingKind[]> = {
  freshdesk: ["new_ticket", "reply", "spam_or_deleted_ticket", "spam_or_deleted_reply"],
  freshchat: ["chat_resolved", "chat_deleted_or_spam"],
};

/** What the user picked; "" means "not picked yet" (the first offered value applies). */
export type NamingForm = {
  /** `group:<id>`, `no_group` or `deleted_group`. */
  group: string;
  deletedGroupId: string;
  /** A source code as text. */
  source: string;
  kind: NamingKind | "";
};

export const EMPTY_FORM: NamingForm = { group: "", deletedGroupId: "", source: "", kind: "" };

export function groupValue(id: string): string {
  return `group:${id}`;
}

/** A ticket's kinds name it from the ticket sources, a reply's from the conversation sources. */
export function sourcesFor(options: NamingOptions, kind: NamingKind): NamingSource[] {
  if (kind === "new_ticket" || kind === "spam_or_deleted_ticket") return options.ticketSources;
  if (kind === "reply" || kind === "spam_or_deleted_reply") return options.conversationSources;
  return [];
}

/** The form with every unpicked or no longer offered choice replaced by the first offered one. */
export function effectiveForm(form: NamingForm, options: NamingOptions): NamingForm & { kind: NamingKind } {
  const kinds = KINDS[options.product];
  const kind = form.kind !== "" && kinds.includes(form.kind) ? form.kind : kinds[0];
  const groups = options.groups.map((g) => groupValue(g.id));
  const offeredGroups = [...groups, "no_group", "deleted_group"];
  const group = offeredGroups.includes(form.group) ? form.group : (groups[0] ?? "no_group");
  const sources = sourcesFor(options, kind).map((s) => String(s.code));
  const source = sources.includes(form.source) ? form.source : (sources[0] ?? "");
  return { ...form, kind, group, source };
}

/** The query of a complete form; null while a deleted group's id is missing. */
export function namingQuery(form: NamingForm & { kind: NamingKind }): NamingQuery | null {
  let group: GroupChoice;
  if (form.group === "no_group") group = { kind: "no_group" };
  else if (form.group === "deleted_group") {
    const id = form.deletedGroupId.trim();
    if (id === "") return null;
    group = { kind: "deleted_group", id };
  } else group = { kind: "group", id: form.group.slice("group:".length) };
  return { group, source: form.source === "" ? null : Number(form.source), kind: form.kind };
}
