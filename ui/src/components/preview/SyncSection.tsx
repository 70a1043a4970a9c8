import { Alert, Loader, Text } from "@mantine/core";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { useSyncActions } from "../../hooks/useSyncStatus";
import type { IpcError, SyncStatus } from "../../ipc";
import { formatClock } from "../formatDate";
import { SyncControls } from "./SyncControls";
import { Section } from "../Section";
import { ErrorAlert } from "../ErrorAlert";

/** Where the continuous stage is, in words. */
function stateText(t: TFunction, status: SyncStatus, importRunning: boolean): string {
  switch (status.state) {
    case "syncing":
      return t("data.sync.syncing");
    case "waiting":
      return status.nextSyncAt ? t("data.sync.waiting", { time: formatClock(status.nextSyncAt) }) : t("data.sync.waitingSoon");
    case "paused":
      return t("data.sync.paused");
    case "off":
      if (importRunning) return t("data.sync.importRunning");
      return status.lastSyncedAt === null ? t("data.sync.afterImport") : t("data.sync.stopped");
  }
}

/** When the last sync ended and how many new contacts it brought. */
function lastText(t: TFunction, status: SyncStatus): string | null {
  if (status.lastSyncedAt === null) return null;
  const time = formatClock(status.lastSyncedAt);
  return status.lastNewContacts === null
    ? t("data.sync.lastOnly", { time })
    : t("data.sync.last", { time, count: status.lastNewContacts });
}

/** F8's (docs/product.md) continuous stage: its state, the last sync and its error, the period, Pause / Resume, Sync now. */
export function SyncSection({
  integrationId,
  status,
  loadError,
  importRunning,
}: {
  integrationId: string;
  status: SyncStatus | undefined;
  loadError: IpcError | null;
  importRunning: boolean;
}) {
  const { t } = useTranslation();
  const actions = useSyncActions(integrationId);
  const failure = actions.error ?? loadError;
  const last = status ? lastText(t, status) : null;
  return (
    <Section title={t("data.sync.title")} testId="sync-section">
      <Text size="sm">{t("data.sync.intro")}</Text>
      {!status && !loadError && <Loader size="sm" aria-label={t("app.loading")} />}
      {status && (
        <>
          <Text fw={600} role="status" data-testid="sync-state">
            {stateText(t, status, importRunning)}
          </Text>
          {last && (
            <Text size="sm" data-testid="sync-last">
              {last}
            </Text>
          )}
          {status.error && (
            <Alert color="red" role="alert" title={t("data.sync.errorTitle")} data-testid="sync-error">
              {t(`errors.${status.error.code}`)} {t("data.sync.retry")}
            </Alert>
          )}
          <SyncControls
            status={status}
            importRunning={importRunning}
            busy={actions.pending}
            onPause={actions.pause}
            onResume={actions.resume}
            onSyncNow={actions.syncNow}
            onEvery={actions.setEvery}
          />
        </>
      )}
      <ErrorAlert error={failure} testId="sync-action-error" />
    </Section>
  );
}
