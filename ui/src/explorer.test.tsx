// The queue explorer: the naming form and the ticket timeline. Queue shares, CSV, the sample
// import and the entry points are in explorerShares.test.tsx.
import { QueryClient } from "@tanstack/react-query";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { App } from "./App";
import { resetImportStates } from "./hooks/useImport";
import i18n, { resources } from "./i18n";
import type { ErrorCode } from "./ipc";
import { core, FRESHCHAT_OPTIONS, resetExplorerCore, timeline } from "./test/explorerCore";
import { integration } from "./test/fakeCore";

vi.mock("./ipc", async (importOriginal) => {
  const { fakeIpcModule } = await import("./test/explorerCore");
  return fakeIpcModule(await importOriginal<typeof import("./ipc")>());
});
const { ipc, IpcError } = await import("./ipc");

// Role queries are slow in jsdom on a loaded machine.
const SLOW = { timeout: 10_000 };
vi.setConfig({ testTimeout: 30_000 });

const en = resources.en.explorer;

function renderExplorer(id = "int-1") {
  window.location.hash = `#/integrations/${id}/explorer`;
  return render(<App queryClient={new QueryClient({ defaultOptions: { queries: { retry: false } } })} />);
}

const namedQueue = () => screen.findByTestId("named-queue", {}, SLOW);

beforeEach(async () => {
  vi.clearAllMocks();
  resetImportStates();
  resetExplorerCore();
  await i18n.changeLanguage("en");
});

describe("naming form", () => {
  it("names the first group's first source at once, then asks the core for each choice and shows its rule and decisions", async () => {
    renderExplorer();
    expect(await namedQueue()).toHaveTextContent("Billing email Tickets");
    expect(ipc.nameQueue).toHaveBeenLastCalledWith("int-1", {
      group: { kind: "group", id: "7" },
      source: 1,
      kind: "new_ticket",
    });
    expect(screen.getByTestId("named-rule")).toHaveTextContent(en.rules.new_ticket);
    expect(screen.queryAllByTestId("named-decision")).toHaveLength(0);

    // The e2e test finds the form's fields by these ids.
    expect(["naming-kind", "naming-group", "naming-source"].map((id) => screen.getByTestId(id).tagName)).toEqual([
      "SELECT",
      "SELECT",
      "SELECT",
    ]);
    expect(screen.getByTestId("timeline-input").tagName).toBe("INPUT");
    // The account's custom sources are offered and marked.
    const source = screen.getByLabelText("Source");
    expect(within(source).getAllByRole("option").map((o) => o.textContent)).toEqual([
      "email",
      "portal",
      "Partner Portal (custom source)",
    ]);
    await userEvent.selectOptions(screen.getByLabelText("Group"), "No group");
    await userEvent.selectOptions(source, "Partner Portal (custom source)");
    await waitFor(() => expect(screen.getByTestId("named-queue")).toHaveTextContent("No group Partner Portal Tickets"), SLOW);
    expect(ipc.nameQueue).toHaveBeenLastCalledWith("int-1", { group: { kind: "no_group" }, source: 101, kind: "new_ticket" });
    // The queue name is shown as is, in monospace, never translated.
    expect(screen.getByTestId("named-queue").tagName).toBe("CODE");
    expect(screen.getByTestId("named-queue")).toHaveAttribute("translate", "no");

    // Decision rows are marked as decisions and use the decisions' translated texts.
    const decisions = screen.getAllByTestId("named-decision");
    expect(decisions.map((d) => d.dataset.decision)).toEqual(["no_group", "custom_source_case"]);
    expect(decisions[0]).toHaveTextContent(`Decision${resources.en.data.decisions.no_group}`);
    expect(decisions[1]).toHaveTextContent(`Decision${resources.en.data.decisions.custom_source_case}`);
    expect(screen.queryByTestId("irrelevant-badge")).not.toBeInTheDocument();
  });

  it("offers the conversation sources for a reply", async () => {
    renderExplorer();
    await namedQueue();
    await userEvent.selectOptions(screen.getByLabelText("What happens"), "Customer reply to a ticket");
    const source = screen.getByLabelText("Source");
    expect(within(source).getAllByRole("option").map((o) => o.textContent)).toEqual(["email", "portal", "chat"]);
    await userEvent.selectOptions(source, "chat");
    await waitFor(() => expect(screen.getByTestId("named-queue")).toHaveTextContent("Billing chat Replies"), SLOW);
    expect(ipc.nameQueue).toHaveBeenLastCalledWith("int-1", { group: { kind: "group", id: "7" }, source: 7, kind: "reply" });
    expect(screen.getByTestId("named-rule")).toHaveTextContent(en.rules.incoming_conversation);
  });

  it("asks for a deleted group's id before naming it", async () => {
    renderExplorer();
    await namedQueue();
    await userEvent.selectOptions(screen.getByLabelText("Group"), "Deleted group (by id)");
    expect(screen.getByText(en.naming.enterGroupId)).toBeInTheDocument();
    expect(screen.queryByTestId("named-queue")).not.toBeInTheDocument();
    await userEvent.type(screen.getByLabelText("Id of the deleted group"), "42");
    await waitFor(() => expect(screen.getByTestId("named-queue")).toHaveTextContent("Group 42 email Tickets"), SLOW);
    expect(ipc.nameQueue).toHaveBeenLastCalledWith("int-1", {
      group: { kind: "deleted_group", id: "42" },
      source: 1,
      kind: "new_ticket",
    });
    expect(screen.getAllByTestId("named-decision").map((d) => d.dataset.decision)).toEqual(["deleted_group"]);
  });

  it("shows the core's refusal translated, instead of the previous name", async () => {
    renderExplorer();
    await namedQueue();
    vi.mocked(ipc.nameQueue).mockRejectedValueOnce(new IpcError({ code: "invalid_input", message: "not a group id" }));
    await userEvent.selectOptions(screen.getByLabelText("Group"), "Deleted group (by id)");
    await userEvent.type(screen.getByLabelText("Id of the deleted group"), "x");
    expect(await screen.findByRole("alert", {}, SLOW)).toHaveTextContent(resources.en.errors.invalid_input);
    expect(screen.queryByTestId("named-queue")).not.toBeInTheDocument();
  });

  it("marks a queue that is irrelevant for scheduling with the documents' sentence", async () => {
    renderExplorer();
    await namedQueue();
    await userEvent.selectOptions(screen.getByLabelText("What happens"), "Reply to a spam or deleted ticket");
    await waitFor(() => expect(screen.getByTestId("named-queue")).toHaveTextContent("Unknown group/source Replies"), SLOW);
    expect(screen.getByTestId("irrelevant-badge")).toHaveTextContent("Irrelevant for scheduling");
    expect(screen.getByTestId("irrelevant-note")).toHaveTextContent(
      "Typically, these queues are irrelevant for scheduling your agents' workload.",
    );
    expect(screen.getByTestId("named-rule")).toHaveTextContent(en.rules.spam_or_deleted_reply);
  });

  it("offers the chat kinds and no source for Freshchat, and no ticket timeline", async () => {
    core.integrations = [integration({ product: "freshchat", domain: "acme.freshchat.com" })];
    core.options = FRESHCHAT_OPTIONS;
    renderExplorer();
    expect(await namedQueue()).toHaveTextContent("Customer Support");
    expect(ipc.nameQueue).toHaveBeenLastCalledWith("int-1", {
      group: { kind: "group", id: "c0ffee" },
      source: null,
      kind: "chat_resolved",
    });
    const kinds = within(screen.getByLabelText("What happens")).getAllByRole("option");
    expect(kinds.map((o) => o.textContent)).toEqual(["Chat resolved", "Chat deleted or spam"]);
    expect(screen.queryByLabelText("Source")).not.toBeInTheDocument();
    await userEvent.selectOptions(screen.getByLabelText("Group"), "No group");
    await waitFor(() => expect(screen.getByTestId("named-queue")).toHaveTextContent("Undefined_Queue"), SLOW);
    expect(screen.getByTestId("named-rule")).toHaveTextContent(en.rules.chat_undefined);
    expect(screen.getByTestId("irrelevant-badge")).toBeInTheDocument();
    expect(screen.getByTestId("timeline-freshdesk-only")).toHaveTextContent(en.timeline.freshdeskOnly);
    expect(screen.queryByTestId("timeline-input")).not.toBeInTheDocument();
  });

  it("renders the French rule texts while the queue name stays as is", async () => {
    core.language = "fr";
    renderExplorer();
    await waitFor(() => expect(screen.getByTestId("named-rule")).toHaveTextContent(resources.fr.explorer.rules.new_ticket), SLOW);
    expect(screen.getByTestId("named-queue")).toHaveTextContent("Billing email Tickets");
    await userEvent.selectOptions(screen.getByLabelText("Groupe"), "Aucun groupe");
    await waitFor(() => expect(screen.getByTestId("named-queue")).toHaveTextContent("No group email Tickets"), SLOW);
    expect(screen.getByTestId("named-decision")).toHaveTextContent(`Décision${resources.fr.data.decisions.no_group}`);
    await userEvent.selectOptions(screen.getByLabelText("Ce qui se passe"), "Nouveau ticket, indésirable ou supprimé");
    await waitFor(() => expect(screen.getByTestId("named-queue")).toHaveTextContent("Unknown group/source Tickets"), SLOW);
    expect(screen.getByTestId("irrelevant-note")).toHaveTextContent(resources.fr.explorer.irrelevant.sentence);
    expect(screen.getByRole("heading", { level: 1 })).toHaveTextContent("Explorateur de files d’attente : Support EU");
  });
});

describe("ticket timeline", () => {
  async function showTicket(text: string) {
    renderExplorer();
    const input = await screen.findByLabelText("Ticket number", {}, SLOW);
    await userEvent.type(input, text);
    await userEvent.click(screen.getByRole("button", { name: "Show timeline" }));
  }

  it("shows each entry, counted or not and why, and the summary", async () => {
    await showTicket("1234");
    expect(ipc.explainTicket).toHaveBeenCalledWith("int-1", 1234);
    const summary = await screen.findByTestId("timeline-summary", {}, SLOW);
    expect(summary).toHaveTextContent("1 ticket became 2 contacts in 2 queues.");
    expect(summary).toHaveAttribute("role", "status");
    expect(screen.getByTestId("timeline-origin")).toHaveTextContent("From the cache (no API call)");

    const entries = screen.getAllByTestId("timeline-entry");
    expect(entries.map((e) => e.dataset.counted)).toEqual(["true", "false", "false", "true"]);
    const [created, agent, note, reply] = entries;
    expect(created).toHaveTextContent("Ticket created");
    expect(created).toHaveTextContent("2026-11-27 09:05");
    expect(within(created).getByTestId("entry-queue")).toHaveTextContent("Billing email Tickets");
    expect(within(created).getByTestId("entry-interval")).toHaveTextContent("2026-11-27 09:00");
    expect(within(created).getByTestId("entry-rule")).toHaveTextContent(en.rules.new_ticket);
    expect(within(created).getByTestId("entry-stored")).toHaveTextContent(en.timeline.stored);

    expect(agent).toHaveTextContent("Conversation 501");
    expect(agent).toHaveTextContent("Not counted");
    expect(within(agent).getByTestId("entry-why")).toHaveTextContent(en.why.agent_reply);
    expect(within(agent).queryByTestId("entry-queue")).not.toBeInTheDocument();
    expect(within(note).getByTestId("entry-why")).toHaveTextContent(en.why.private_note);
    expect(note).toHaveTextContent("incoming · private");

    expect(within(reply).getByTestId("entry-queue")).toHaveTextContent("Billing portal Replies");
    expect(within(reply).getByTestId("entry-rule")).toHaveTextContent(en.rules.incoming_conversation);
    expect(within(reply).getByTestId("entry-decision")).toHaveTextContent(
      `Decision${resources.en.data.decisions.portal_note_reply}`,
    );
    expect(within(reply).getByTestId("entry-stored")).toHaveTextContent(en.timeline.notStored);
  });

  it("shows the ticket of a link (?ticket=N, from a drill-down) at once", async () => {
    window.location.hash = "#/integrations/int-1/explorer?ticket=1234";
    render(<App queryClient={new QueryClient({ defaultOptions: { queries: { retry: false } } })} />);
    const summary = await screen.findByTestId("timeline-summary", {}, SLOW);
    expect(summary).toHaveTextContent("1 ticket became 2 contacts in 2 queues.");
    expect(ipc.explainTicket).toHaveBeenCalledWith("int-1", 1234);
    expect(screen.getByLabelText("Ticket number")).toHaveValue("1234");
  });

  it("says when the ticket was fetched live, and counts one queue once", async () => {
    const base = timeline();
    const second = { ...base.entries[3], conversation: 504, counted: { ...base.entries[3].counted!, queue: "Billing email Tickets" } };
    vi.mocked(ipc.explainTicket).mockResolvedValueOnce(
      timeline({ origin: "live", entries: [base.entries[0], second], spam: true }),
    );
    await showTicket("77");
    expect(await screen.findByTestId("timeline-summary", {}, SLOW)).toHaveTextContent(
      "1 ticket became 2 contacts in 1 queue.",
    );
    expect(screen.getByTestId("timeline-origin")).toHaveTextContent("Fetched live from the help desk (one API call)");
    expect(screen.getByTestId("timeline")).toHaveTextContent("Spam");
  });

  it.each(["12a", "-5", "0", " ", "1.5"])("refuses %j with the translated message, without asking the core", async (text) => {
    await showTicket(text);
    const message = await screen.findByTestId("timeline-invalid", {}, SLOW);
    expect(message).toHaveTextContent(en.timeline.invalidTicket);
    expect(screen.getByLabelText("Ticket number")).toHaveAttribute("aria-invalid", "true");
    expect(ipc.explainTicket).not.toHaveBeenCalled();
  });

  it("refuses a bad ticket id in German too", async () => {
    core.language = "de";
    renderExplorer();
    const input = await screen.findByLabelText("Ticketnummer", {}, SLOW);
    await userEvent.type(input, "abc");
    await userEvent.click(screen.getByRole("button", { name: "Verlauf anzeigen" }));
    expect(await screen.findByTestId("timeline-invalid")).toHaveTextContent(resources.de.explorer.timeline.invalidTicket);
    expect(ipc.explainTicket).not.toHaveBeenCalled();
  });

  it("shows the core's error translated by its code", async () => {
    vi.mocked(ipc.explainTicket).mockRejectedValueOnce(
      new IpcError({ code: "ticket_not_found" as ErrorCode, message: "ticket 99 is neither cached nor found" }),
    );
    await showTicket("99");
    expect(await screen.findByTestId("timeline-error", {}, SLOW)).toHaveTextContent(resources.en.errors.ticket_not_found);
    expect(screen.queryByTestId("timeline-summary")).not.toBeInTheDocument();
  });
});
