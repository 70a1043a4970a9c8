import { Button, Group, Loader, Stack, Text } from "@mantine/core";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { ipc, type DiagnosisRun, type IpcError } from "../../ipc";
import { ErrorAlert } from "../ErrorAlert";
import { formatDateTime } from "../formatDate";
import { toIpcError } from "../toIpcError";
import { LinkList } from "./LinkList";
import { ReportActions } from "./ReportActions";
import { VerdictPanel } from "./VerdictPanel";

/**
 * *Run diagnosis* (also once on open): live calls that take seconds, so a progress indicator
 * meanwhile; then the verdict (which gets focus), every link, and the report actions.
 */
export function DiagnosisSection({ id, onCheckKey }: { id: string; onCheckKey: () => void }) {
  const { t } = useTranslation();
  const [run, setRun] = useState<DiagnosisRun | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Counts runs, so that only the latest one's answer is shown.
  const latest = useRef(0);

  const start = async () => {
    const mine = ++latest.current;
    setRunning(true);
    setError(null);
    setRun(null);
    try {
      const result = await ipc.runDiagnosis(id);
      if (mine === latest.current) setRun(result);
    } catch (e) {
      if (mine === latest.current) setError(toIpcError(e));
    }
    if (mine === latest.current) setRunning(false);
  };

  const startedFor = useRef<string | null>(null);
  useEffect(() => {
    // Once per integration on open (StrictMode's second effect call must not start a second run).
    if (startedFor.current === id) return;
    startedFor.current = id;
    void start();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- runs when the integration changes only
  }, [id]);

  // The result is what the user waited for: move focus to it.
  useEffect(() => {
    if (run) headingRef.current?.focus();
  }, [run]);

  return (
    <Stack gap="lg" data-testid="diagnosis-section">
      <Group>
        <Button onClick={() => void start()} loading={running} data-testid="run-diagnosis">
          {t("diagnose.run")}
        </Button>
        {run && (
          <Text size="sm" c="dimmed" data-testid="diagnosis-at">
            {t("diagnose.checkedAt", { at: formatDateTime(run.diagnosis.at) })}
          </Text>
        )}
      </Group>
      {running && (
        <Group gap="sm" role="status" data-testid="diagnosis-running">
          <Loader size="sm" aria-hidden />
          <Text>{t("diagnose.running")}</Text>
        </Group>
      )}
      <ErrorAlert error={error} testId="diagnosis-error" />
      {run && (
        <>
          <VerdictPanel diagnosis={run.diagnosis} headingRef={headingRef} onCheckKey={onCheckKey} />
          <ReportActions id={id} report={run.report} />
          <LinkList links={run.diagnosis.links} onCheckKey={onCheckKey} />
        </>
      )}
    </Stack>
  );
}
