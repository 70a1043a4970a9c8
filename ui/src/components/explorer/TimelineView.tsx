import { Badge, Code, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { NotCountedWhy, TicketTimeline, TimelineEntry } from "../../ipc/explorer";
import { formatInZone } from "../preview/previewModel";
import { RuleAndDecisions } from "./RuleAndDecisions";

const WHY: readonly NotCountedWhy[] = ["agent_reply", "private_note"];

/** "1 ticket became N contacts in M queues": the counted entries and their distinct queues. */
export function timelineCounts(timeline: TicketTimeline): { contacts: number; queues: number } {
  const counted = timeline.entries.flatMap((e) => (e.counted ? [e.counted] : []));
  return { contacts: counted.length, queues: new Set(counted.map((c) => c.queue)).size };
}

/** One ticket's timeline: the answer first (the summary), then each entry, counted or not and why. */
export function TimelineView({ timeline }: { timeline: TicketTimeline }) {
  const { t } = useTranslation();
  const counts = timelineCounts(timeline);
  return (
    <Stack gap="sm" data-testid="timeline" data-origin={timeline.origin}>
      <Title order={3} size="h4">
        {t("explorer.timeline.heading", { ticket: timeline.ticket })}
      </Title>
      <Text fw={600} role="status" data-testid="timeline-summary">
        {t("explorer.timeline.summary", {
          contacts: t("explorer.timeline.contacts", { count: counts.contacts }),
          queues: t("explorer.timeline.queues", { count: counts.queues }),
        })}
      </Text>
      <Group gap="xs">
        <Badge variant="light" color={timeline.origin === "live" ? "blue" : "gray"} data-testid="timeline-origin">
          {t(`explorer.timeline.origin.${timeline.origin === "live" ? "live" : "cache"}`)}
        </Badge>
        {timeline.spam && <Badge color="orange">{t("explorer.timeline.spam")}</Badge>}
        {timeline.deleted && <Badge color="orange">{t("explorer.timeline.deleted")}</Badge>}
      </Group>
      <Text size="sm">
        {t("explorer.timeline.group")}: <Code translate="no">{timeline.group}</Code> · {t("explorer.timeline.source")}:{" "}
        <Code translate="no">{timeline.source}</Code>
      </Text>
      <Text size="sm" c="dimmed">
        {t("explorer.timeline.zone", { zone: timeline.timeZone, minutes: timeline.intervalMinutes })}
      </Text>
      <Stack component="ol" gap="xs" p={0} m={0} style={{ listStyle: "none" }} aria-label={t("explorer.timeline.entries")}>
        {timeline.entries.map((entry) => (
          <EntryRow key={`${entry.conversation ?? "ticket"}-${entry.at}`} entry={entry} timeZone={timeline.timeZone} />
        ))}
      </Stack>
    </Stack>
  );
}

function EntryRow({ entry, timeZone }: { entry: TimelineEntry; timeZone: string }) {
  const { t } = useTranslation();
  const counted = entry.counted;
  const color = counted ? "green" : "gray";
  return (
    <Paper
      component="li"
      withBorder
      p="sm"
      data-testid="timeline-entry"
      data-counted={counted ? "true" : "false"}
      style={{ borderLeft: `4px solid var(--mantine-color-${color}-7)` }}
    >
      <Stack gap={6}>
        <Group gap="sm" justify="space-between">
          <Group gap="sm">
            <Text fw={600}>
              {entry.conversation === null
                ? t("explorer.timeline.created")
                : t("explorer.timeline.conversation", { id: entry.conversation })}
            </Text>
            <Text size="sm" c="dimmed">
              {formatInZone(Date.parse(entry.at), timeZone)}
            </Text>
            {entry.conversation !== null && <ConversationFacts entry={entry} />}
          </Group>
          <Badge color={color} variant={counted ? "filled" : "outline"} data-testid="entry-status">
            <span aria-hidden>{counted ? "✓ " : "– "}</span>
            {counted ? t("explorer.timeline.counted") : t("explorer.timeline.notCounted")}
          </Badge>
        </Group>
        {counted && (
          <>
            <Text size="sm">
              {t(`explorer.timeline.kinds.${counted.kind === "reply" ? "reply" : "ticket"}`)} ·{" "}
              {t("explorer.timeline.queue")}:{" "}
              <Code translate="no" data-testid="entry-queue">
                {counted.queue}
              </Code>{" "}
              · {t("explorer.timeline.interval")}:{" "}
              <span data-testid="entry-interval">{formatInZone(Date.parse(counted.intervalStart), timeZone)}</span>
            </Text>
            <RuleAndDecisions
              rule={counted.rule}
              decisions={counted.decisions}
              ruleTestId="entry-rule"
              decisionTestId="entry-decision"
            />
            <Text size="xs" c="dimmed" data-testid="entry-stored">
              {counted.stored ? t("explorer.timeline.stored") : t("explorer.timeline.notStored")}
            </Text>
          </>
        )}
        {entry.notCounted && (
          <Text size="sm" data-testid="entry-why" data-why={entry.notCounted}>
            {WHY.includes(entry.notCounted) ? t(`explorer.why.${entry.notCounted}`) : entry.notCounted}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

/** Incoming or outgoing, public or private: what decides whether a conversation counts. */
function ConversationFacts({ entry }: { entry: TimelineEntry }) {
  const { t } = useTranslation();
  const facts = [
    entry.incoming === null ? null : t(entry.incoming ? "explorer.timeline.incoming" : "explorer.timeline.outgoing"),
    entry.private === null ? null : t(entry.private ? "explorer.timeline.private" : "explorer.timeline.public"),
  ].filter((f): f is string => f !== null);
  if (facts.length === 0) return null;
  return (
    <Text size="sm" c="dimmed">
      {facts.join(" · ")}
    </Text>
  );
}
