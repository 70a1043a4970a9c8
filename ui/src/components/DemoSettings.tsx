import { Button, Code, Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useAppInfo } from "./useAppInfo";
import { useDemoSwitch } from "./useIntegrations";
import { ErrorAlert } from "./ErrorAlert";

/** Settings > Demo account: start it, or see its data folder and leave it. */
export function DemoSettings() {
  const { t } = useTranslation();
  const demo = useAppInfo().data?.demo;
  const { start, stop, pending, error } = useDemoSwitch();
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="demo-settings-title" data-testid="demo-settings">
      <Stack gap="sm" align="flex-start">
        <Title order={2} size="h4" id="demo-settings-title">
          {t("demo.settingsTitle")}
        </Title>
        <Text size="sm">{t("demo.settingsBody")}</Text>
        {demo ? (
          <>
            <Text size="sm">
              {t("demo.active")} <Code>{demo.dataDir}</Code>
            </Text>
            <Button variant="default" onClick={() => stop.mutate()} loading={pending} data-testid="settings-leave-demo">
              {t("demo.leave")}
            </Button>
          </>
        ) : (
          <Button onClick={() => start.mutate()} loading={pending} data-testid="settings-start-demo">
            {t("demo.start")}
          </Button>
        )}
        <ErrorAlert error={error} />
      </Stack>
    </Paper>
  );
}
