import { Alert, Code, Container, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { ErrorCode } from "../ipc";

/** Shown instead of the app when the local database cannot be used; it never offers to delete it. */
export function StoreErrorScreen(props: { code: ErrorCode; message: string; database?: string }) {
  const { t } = useTranslation();
  return (
    <Container size="sm" py="xl">
      <Stack>
        <Title order={1}>{t("app.name")}</Title>
        <Alert color="red" title={t("storeError.title")} role="alert" data-testid="store-error">
          <Stack gap="xs">
            <Text>{t(`errors.${props.code}`)}</Text>
            {props.database && (
              <Text size="sm">
                {t("storeError.file")}: <Code>{props.database}</Code>
              </Text>
            )}
            <Text size="sm">{t("storeError.untouched")}</Text>
            <Text size="xs" c="dimmed">
              {t("storeError.details")}: [{props.code}] {props.message}
            </Text>
          </Stack>
        </Alert>
      </Stack>
    </Container>
  );
}
