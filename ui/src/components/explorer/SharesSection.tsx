import { Button, Center, Loader, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { reportKey, useImport } from "../../hooks/useImport";
import { ipc, type Integration } from "../../ipc";
import { ErrorAlert } from "../ErrorAlert";
import { formatDateTime } from "../formatDate";
import { ImportOutcome, RunningImport } from "../preview/ImportSection";
import { Section } from "../Section";
import { ExportCsv } from "./ExportCsv";
import { SharesTable } from "./SharesTable";

/** The sample import's window: the last 7 days (RFC 3339). */
export function sampleSince(now = new Date()): string {
  return new Date(now.getTime() - 7 * 24 * 3600 * 1000).toISOString();
}

/**
 * "What will my help desk create?": the queue names of the cached contacts with their shares, the
 * ones irrelevant for scheduling marked, Export CSV; with no contacts yet, a 7-day sample import.
 */
export function SharesSection({ integration }: { integration: Integration }) {
  const { t } = useTranslation();
  const id = integration.id;
  // Under the queue preview's key: an import refreshes it while it runs and when it ends, as it
  // does the preview, so the list fills in and is current after the sample import.
  const shares = useQuery({ queryKey: [...reportKey(id), "shares"], queryFn: () => ipc.queueShares(id) });
  const { state, running, start, cancel } = useImport(id);
  const data = shares.data;
  return (
    <Section title={t("explorer.shares.title")} testId="shares-section">
      <Text size="sm">{t("explorer.shares.intro")}</Text>
      {shares.isPending && (
        <Center>
          <Loader size="sm" aria-label={t("app.loading")} />
        </Center>
      )}
      <ErrorAlert error={shares.error} />
      {data && data.total > 0 && (
        <Stack gap="sm">
          <Text fw={600} data-testid="shares-total">
            {t("explorer.shares.total", { count: data.total })}
          </Text>
          {data.from && data.to && (
            <Text size="sm" c="dimmed" data-testid="shares-span">
              {t("explorer.shares.span", { from: formatDateTime(data.from), to: formatDateTime(data.to) })}
            </Text>
          )}
          <SharesTable shares={data} />
          <ExportCsv id={id} />
        </Stack>
      )}
      {data && data.total === 0 && !running && (
        <Stack gap="xs" align="flex-start" data-testid="shares-empty">
          <Text size="sm">{t("explorer.shares.none")}</Text>
          <Button onClick={() => start(sampleSince())} data-testid="sample-import">
            {t("explorer.shares.sample")}
          </Button>
        </Stack>
      )}
      {running && (state.status === "starting" || state.status === "running") && (
        <RunningImport state={state} onCancel={() => void cancel()} />
      )}
      <ImportOutcome state={state} />
    </Section>
  );
}
