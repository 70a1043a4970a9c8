import { Alert, Button, Group, List, Progress, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useImport, type ImportState } from "../../hooks/useImport";
import type { Integration } from "../../ipc";
import { addDays } from "./previewModel";
import { Section } from "../Section";
import { useFocusOnMount } from "../useFocusOnMount";
import { LocaleDateInput } from "../LocaleDateInput";

const PHASES = {
  catalog: "catalog",
  "tickets (default)": "ticketsDefault",
  "tickets (spam)": "ticketsSpam",
  "tickets (deleted)": "ticketsDeleted",
  conversations: "conversations",
  "chat reports": "chatReports",
  done: "done",
} as const;

/** The default window start: 90 days back. */
export function defaultSince(now = new Date()): string {
  return addDays(now.toISOString().slice(0, 10), -90);
}

function useEta() {
  const { t } = useTranslation();
  return (seconds: number | null) => {
    if (seconds === null) return t("data.import.etaUnknown");
    if (seconds < 60) return t("data.import.etaSeconds", { count: Math.max(1, Math.round(seconds)) });
    if (seconds < 3600) return t("data.import.etaMinutes", { count: Math.round(seconds / 60) });
    return t("data.import.etaHours", { hours: Math.floor(seconds / 3600), minutes: Math.round((seconds % 3600) / 60) });
  };
}

export function RunningImport({
  state,
  onCancel,
  focusPhase = false,
}: {
  state: Extract<ImportState, { status: "starting" | "running" }>;
  onCancel: () => void;
  /** Focus the phase when shown (the user just pressed Start, which this view replaced). */
  focusPhase?: boolean;
}) {
  const { t } = useTranslation();
  const phaseRef = useFocusOnMount<HTMLParagraphElement>(focusPhase);
  const eta = useEta();
  const phase = state.status === "running" ? state.phase : null;
  const phaseKey = phase !== null ? PHASES[phase as keyof typeof PHASES] : undefined;
  const phaseText = phase === null ? t("data.import.starting") : phaseKey ? t(`data.import.phases.${phaseKey}`) : phase;
  const done = state.status === "running" ? state.done : 0;
  const total = state.status === "running" ? state.total : null;
  const percent = total ? Math.min(100, (done / total) * 100) : 100;
  const counts = total !== null ? t("data.import.doneOfTotal", { done, total }) : t("data.import.doneOnly", { done });
  return (
    <Stack gap="xs" data-testid="import-progress">
      <Group justify="space-between">
        <Text fw={600} data-testid="import-phase" ref={phaseRef} tabIndex={-1}>
          {phaseText}
        </Text>
        <Text size="sm" data-testid="import-counts">
          {counts}
        </Text>
      </Group>
      {/* The section carries the progressbar role, so the phase and counts go on it (on the root
          they are not allowed ARIA: F17). */}
      <Progress.Root size="lg">
        <Progress.Section
          value={percent}
          animated={total === null}
          striped={total === null}
          withAria={false}
          role="progressbar"
          aria-label={t("data.import.progressLabel")}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={`${phaseText}: ${counts}`}
        />
      </Progress.Root>
      <Group justify="space-between">
        <Text size="sm" c="dimmed" data-testid="import-eta" role="status">
          {state.status === "running" ? eta(state.etaSeconds) : t("data.import.starting")}
        </Text>
        <Button variant="default" color="red" onClick={onCancel} data-testid="cancel-import">
          {t("data.import.cancel")}
        </Button>
      </Group>
    </Stack>
  );
}

export function ImportOutcome({ state, focusOutcome = false }: { state: ImportState; focusOutcome?: boolean }) {
  const { t } = useTranslation();
  // Where an import the user started ends: its outcome takes the focus.
  const outcome = useFocusOnMount<HTMLDivElement>(focusOutcome, state.status);
  if (state.status === "finished") {
    return (
      <Alert color="green" title={t("data.import.finishedTitle")} data-testid="import-finished" role="status" ref={outcome} tabIndex={-1}>
        <Text size="sm">{t("data.import.finished", { records: state.records, newContacts: state.newContacts })}</Text>
        {state.warnings.length > 0 && (
          <>
            <Text size="sm" fw={600} mt="xs">
              {t("data.import.warnings", { count: state.warnings.length })}
            </Text>
            <List size="sm" data-testid="import-warnings">
              {state.warnings.map((w) => (
                <List.Item key={w}>{w}</List.Item>
              ))}
            </List>
          </>
        )}
      </Alert>
    );
  }
  if (state.status === "failed") {
    return (
      <Alert color="red" title={t("data.import.failedTitle")} role="alert" data-testid="import-failed" ref={outcome} tabIndex={-1}>
        {t(`errors.${state.code}`)}
      </Alert>
    );
  }
  if (state.status === "cancelled") {
    return (
      <Alert color="gray" role="status" data-testid="import-cancelled" ref={outcome} tabIndex={-1}>
        {t("data.import.cancelled")}
      </Alert>
    );
  }
  return null;
}

/** Import: the window start, the Freshdesk archive warning, the progress with Cancel, the outcome. */
export function ImportSection({ integration }: { integration: Integration }) {
  const { t } = useTranslation();
  const { state, running, start, cancel } = useImport(integration.id);
  const [since, setSince] = useState(defaultSince);
  // Set by Start: from then on the progress and then the outcome take the focus in turn.
  const [startedHere, setStartedHere] = useState(false);
  return (
    <Section title={t("data.import.title")} testId="import-section">
      <Text size="sm">{t("data.import.intro")}</Text>
      {integration.product === "freshdesk" && (
        <Alert color="yellow" data-testid="archive-warning" title={t("data.import.archiveTitle")}>
          {t("data.import.archiveWarning")}
        </Alert>
      )}
      {running && (state.status === "starting" || state.status === "running") ? (
        <RunningImport state={state} onCancel={() => void cancel()} focusPhase={startedHere} />
      ) : (
        <Group align="flex-end">
          <LocaleDateInput
            id="import-since"
            label={t("data.import.since")}
            description={t("data.import.sinceHint")}
            value={since}
            onChange={setSince}
            max={new Date().toISOString().slice(0, 10)}
          />
          <Button
            onClick={() => {
              setStartedHere(true);
              start(since || null);
            }}
            data-testid="start-import"
          >
            {t("data.import.start")}
          </Button>
        </Group>
      )}
      <ImportOutcome state={state} focusOutcome={startedHere} />
    </Section>
  );
}
