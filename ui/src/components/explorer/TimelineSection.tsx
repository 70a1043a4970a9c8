import { Button, Group, Text, TextInput } from "@mantine/core";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { ipc, type Integration, type IpcError } from "../../ipc";
import type { TicketTimeline } from "../../ipc/explorer";
import { ErrorAlert } from "../ErrorAlert";
import { Section } from "../Section";
import { toIpcError } from "../toIpcError";
import { TimelineView } from "./TimelineView";

/** A ticket id as typed: digits only, at least 1, within what a JS number holds exactly. */
export function parseTicketId(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const id = Number(trimmed);
  return id >= 1 && Number.isSafeInteger(id) ? id : null;
}

/** Type a ticket id: its timeline ("Reconcile per ticket": why one ticket became N contacts in M queues). */
export function TimelineSection({ integration }: { integration: Integration }) {
  const { t } = useTranslation();
  return (
    <Section title={t("explorer.timeline.title")} testId="timeline-section">
      {integration.product === "freshdesk" ? (
        <TicketForm id={integration.id} />
      ) : (
        <Text size="sm" data-testid="timeline-freshdesk-only">
          {t("explorer.timeline.freshdeskOnly")}
        </Text>
      )}
    </Section>
  );
}

function TicketForm({ id }: { id: string }) {
  const { t } = useTranslation();
  // `?ticket=N` (from a drill-down's Timeline link) shows that ticket at once.
  const [params] = useSearchParams();
  const linked = params.get("ticket");
  const [text, setText] = useState(linked ?? "");
  const [invalid, setInvalid] = useState(false);
  const [loading, setLoading] = useState(false);
  const [timeline, setTimeline] = useState<TicketTimeline | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  // Counts requests, so that only the latest one's answer is shown.
  const latest = useRef(0);

  const explain = async (typed: string) => {
    const ticket = parseTicketId(typed);
    setInvalid(ticket === null);
    if (ticket === null) return;
    const mine = ++latest.current;
    setLoading(true);
    setError(null);
    setTimeline(null);
    try {
      const answer = await ipc.explainTicket(id, ticket);
      if (mine === latest.current) setTimeline(answer);
    } catch (e) {
      if (mine === latest.current) setError(toIpcError(e));
    }
    if (mine === latest.current) setLoading(false);
  };

  const show = (event: FormEvent) => {
    event.preventDefault();
    void explain(text);
  };

  useEffect(() => {
    if (linked !== null) {
      setText(linked);
      void explain(linked);
    }
    // Only when the link (integration or ticket) changes, not on every keystroke.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id, linked]);

  return (
    <>
      <Text size="sm">{t("explorer.timeline.intro")}</Text>
      <form onSubmit={show} noValidate>
        <Group align="flex-start">
          <TextInput
            id="timeline-ticket"
            label={t("explorer.timeline.ticket")}
            value={text}
            onChange={(e) => {
              setText(e.currentTarget.value);
              setInvalid(false);
            }}
            inputMode="numeric"
            autoComplete="off"
            error={invalid ? t("explorer.timeline.invalidTicket") : undefined}
            errorProps={{ role: "alert", "data-testid": "timeline-invalid" }}
            data-testid="timeline-input"
            w={220}
          />
          {/* Aligned with the input, below its label. */}
          <Button type="submit" loading={loading} mt={25} data-testid="timeline-button">
            {t("explorer.timeline.show")}
          </Button>
        </Group>
      </form>
      {loading && (
        <Text size="sm" role="status">
          {t("explorer.timeline.loading")}
        </Text>
      )}
      <ErrorAlert error={error} testId="timeline-error" />
      {timeline && <TimelineView timeline={timeline} />}
    </>
  );
}
