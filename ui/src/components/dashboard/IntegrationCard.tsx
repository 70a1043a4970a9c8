import { Button, Group, Paper, Progress, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useId, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { IntegrationHealth } from "../../ipc";
import { PRODUCT_NAMES } from "../productName";
import { StatusBadge } from "../StatusBadge";
import { CreditsChart } from "./CreditsChart";
import { DIAGNOSE_ROUTE_EXISTS, diagnosePath } from "./diagnose";
import { Headroom } from "./Headroom";
import { noteText, reasonText } from "./reasonText";
import { TimeAgo } from "./TimeAgo";

/** One integration on the dashboard: its state and why, how fresh its data is, and its API budget. */
export function IntegrationCard({ health, now }: { health: IntegrationHealth; now: Date }) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <Paper
      withBorder
      p="lg"
      component="section"
      aria-labelledby={headingId}
      data-testid="status-card"
      data-state={health.state}
      data-integration={health.id}
    >
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Title order={2} size="h3" id={headingId}>
              {health.name}
            </Title>
            <Text size="sm" c="dimmed">
              {t("dashboard.product")}: {PRODUCT_NAMES[health.product]}
            </Text>
          </Stack>
          <Group gap="xs">
            <Button component={Link} to={`/integrations/${health.id}`} variant="default" size="xs">
              {t("dashboard.open", { name: health.name })}
            </Button>
            {DIAGNOSE_ROUTE_EXISTS && (
              <Button component={Link} to={diagnosePath(health.id)} variant="default" size="xs">
                {t("dashboard.diagnose", { name: health.name })}
              </Button>
            )}
          </Group>
        </Group>
        <StatusBlock health={health} now={now} />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" component="dl" m={0}>
          <Fact label={t("dashboard.lastCheck")}>
            <TimeAgo iso={health.last_check} now={now} testId="card-last-check" />
          </Fact>
          <Fact label={t("dashboard.lastSync")}>
            <TimeAgo iso={health.last_sync} now={now} testId="card-last-sync" />
          </Fact>
          <Fact label={t("dashboard.lastData")}>
            <TimeAgo iso={health.last_data} now={now} testId="card-last-data" />
          </Fact>
          <Fact label={t("dashboard.contactsToday")}>
            <span data-testid="card-contacts-today">{health.contacts_today}</span>
          </Fact>
          <Fact label={t("dashboard.headroom")}>
            <Headroom sample={health.rate_limit} />
          </Fact>
        </SimpleGrid>
        <CreditsChart minutes={health.credits_last_hour} />
      </Stack>
    </Paper>
  );
}

function StatusBlock({ health, now }: { health: IntegrationHealth; now: Date }) {
  const { t } = useTranslation();
  const { reason } = health;
  const percent = health.import_progress === null ? null : Math.round(health.import_progress * 100);
  // The import's progress has its own bar; the other notes are unverifiable checks.
  const notes = health.notes.filter((note) => note.code !== "import_progress");
  return (
    <Stack gap={4}>
      <Group gap="sm">
        <StatusBadge status={health.state} />
        {health.since && (
          <Text size="sm">
            {t("dashboard.since")} <TimeAgo iso={health.since} now={now} testId="card-since" withClock />
          </Text>
        )}
      </Group>
      {reason && (
        <>
          <Text data-testid="card-reason">{reasonText(t, reason.code, "message", reason.message)}</Text>
          <Text size="sm" data-testid="card-fix">
            <Text span fw={600}>
              {t("dashboard.fix")}:
            </Text>{" "}
            {reasonText(t, reason.code, "fix", reason.fix)}
          </Text>
        </>
      )}
      {health.state === "importing" && percent !== null && (
        <Progress value={percent} aria-label={t("dashboard.importProgress", { percent })} size="sm" />
      )}
      {notes.length > 0 && (
        <Text size="sm" component="div" data-testid="card-notes">
          <Text span fw={600}>
            {t("dashboard.notes")}:
          </Text>
          <Stack component="ul" gap={0} my={0}>
            {notes.map((note) => (
              <li key={note.code}>{noteText(t, note.code, note.message)}</li>
            ))}
          </Stack>
        </Text>
      )}
    </Stack>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0}>
        {children}
      </Text>
    </div>
  );
}
