import { Button, Group, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ipc, type IpcError } from "../../ipc";
import { ErrorAlert } from "../ErrorAlert";
import { toIpcError } from "../toIpcError";

type Notice = { kind: "copied" } | { kind: "saved"; path: string };

/** *Export CSV* (the queue names a WFM admin maps into workloads) and *Copy CSV*. */
export function ExportCsv({ id }: { id: string }) {
  const { t } = useTranslation();
  const [notice, setNotice] = useState<Notice | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [busy, setBusy] = useState<"save" | "copy" | null>(null);

  const act = async (which: "save" | "copy") => {
    setBusy(which);
    setNotice(null);
    setError(null);
    try {
      // Saved by the core as <data folder>/reports/queues-<name>-<time>.csv, readable by the user only.
      if (which === "save") setNotice({ kind: "saved", path: await ipc.saveQueueSharesCsv(id) });
      else {
        await ipc.copyToClipboard(await ipc.queueSharesCsv(id));
        setNotice({ kind: "copied" });
      }
    } catch (e) {
      setError(toIpcError(e));
    }
    setBusy(null);
  };

  return (
    <Stack gap="xs">
      <Group>
        <Button variant="default" onClick={() => void act("save")} loading={busy === "save"} data-testid="export-shares-csv">
          {t("explorer.shares.export")}
        </Button>
        <Button variant="default" onClick={() => void act("copy")} loading={busy === "copy"} data-testid="copy-shares-csv">
          {t("explorer.shares.copy")}
        </Button>
      </Group>
      {/* A live region, so the confirmation is announced too. */}
      <Text size="sm" role="status" data-testid="shares-csv-notice" style={{ wordBreak: "break-all" }}>
        {notice?.kind === "saved" && <>✓ {t("explorer.shares.saved", { path: notice.path })}</>}
        {notice?.kind === "copied" && <>✓ {t("explorer.shares.copied")}</>}
      </Text>
      <ErrorAlert error={error} />
    </Stack>
  );
}
