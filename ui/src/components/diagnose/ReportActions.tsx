import { Button, Group, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ipc, type IpcError } from "../../ipc";
import { ErrorAlert } from "../ErrorAlert";
import { toIpcError } from "../toIpcError";

type Notice = { kind: "copied" } | { kind: "saved"; path: string };

/** *Copy report* and *Save report…* of the redacted Markdown report the core made for this run. */
export function ReportActions({ id, report }: { id: string; report: string }) {
  const { t } = useTranslation();
  const [notice, setNotice] = useState<Notice | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [saving, setSaving] = useState(false);

  const act = async (action: () => Promise<Notice>) => {
    setNotice(null);
    setError(null);
    try {
      setNotice(await action());
    } catch (e) {
      setError(toIpcError(e));
    }
  };
  const copy = () =>
    act(async () => {
      await ipc.copyToClipboard(report);
      return { kind: "copied" };
    });
  const save = async () => {
    setSaving(true);
    await act(async () => ({ kind: "saved", path: await ipc.saveDiagnosisReport(id, report) }));
    setSaving(false);
  };

  return (
    <Stack gap="xs">
      <Group>
        <Button variant="default" onClick={() => void copy()} data-testid="copy-report">
          {t("diagnose.copyReport")}
        </Button>
        <Button variant="default" onClick={() => void save()} loading={saving} data-testid="save-report">
          {t("diagnose.saveReport")}
        </Button>
      </Group>
      {/* A live region, so the confirmation is announced too. */}
      <Text size="sm" role="status" data-testid="report-notice" style={{ wordBreak: "break-all" }}>
        {notice?.kind === "copied" && <>✓ {t("diagnose.copied")}</>}
        {notice?.kind === "saved" && <>✓ {t("diagnose.saved", { path: notice.path })}</>}
      </Text>
      <ErrorAlert error={error} />
    </Stack>
  );
}
