import { Alert } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { IpcError } from "../ipc";

/** A failure from the core, translated by its code; nothing when there is none. */
export function ErrorAlert({ error, testId }: { error: IpcError | null | undefined; testId?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert color="red" role="alert" data-testid={testId}>
      {t(`errors.${error.code}`)}
    </Alert>
  );
}
