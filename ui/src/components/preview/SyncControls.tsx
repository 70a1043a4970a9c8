import { Button, Group, Select } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { SyncStatus } from "../../ipc";

const PERIODS = [1, 5, 15, 30, 60];

/** Pause or Resume, whichever applies (null: neither, e.g. before the initial import). */
function toggleAction(status: SyncStatus, importRunning: boolean): "pause" | "resume" | null {
  if (status.state === "syncing" || status.state === "waiting") return "pause";
  if (status.state === "paused") return "resume";
  // Off after a finished import (the stage did not start): Resume starts it.
  return !importRunning && status.lastSyncedAt !== null ? "resume" : null;
}

/** The period Select, Pause / Resume and Sync now of the continuous stage. */
export function SyncControls({
  status,
  importRunning,
  busy,
  onPause,
  onResume,
  onSyncNow,
  onEvery,
}: {
  status: SyncStatus;
  importRunning: boolean;
  busy: boolean;
  onPause: () => void;
  onResume: () => void;
  onSyncNow: () => void;
  onEvery: (minutes: number) => void;
}) {
  const { t } = useTranslation();
  const periods = [...new Set([...PERIODS, status.everyMinutes])].sort((a, b) => a - b);
  const toggle = toggleAction(status, importRunning);
  return (
    <Group align="flex-end" wrap="wrap">
      <Select
        id="sync-every"
        data-testid="sync-every"
        label={t("data.sync.every")}
        data={periods.map((m) => ({ value: String(m), label: t("data.sync.minutes", { count: m }) }))}
        value={String(status.everyMinutes)}
        onChange={(v) => v && Number(v) !== status.everyMinutes && onEvery(Number(v))}
        allowDeselect={false}
        disabled={busy}
        w={200}
      />
      {toggle === "pause" && (
        <Button variant="default" onClick={onPause} disabled={busy} data-testid="pause-sync">
          {t("data.sync.pause")}
        </Button>
      )}
      {toggle === "resume" && (
        <Button onClick={onResume} disabled={busy} data-testid="resume-sync">
          {t("data.sync.resume")}
        </Button>
      )}
      <Button variant="default" onClick={onSyncNow} disabled={busy || status.state !== "waiting"} data-testid="sync-now">
        {t("data.sync.syncNow")}
      </Button>
    </Group>
  );
}
