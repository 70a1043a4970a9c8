import { Button, Code, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useAppInfo } from "./useAppInfo";
import { DemoPreparing } from "./DemoPreparing";
import { ResetDemoButton } from "./ResetDemoButton";
import { useDemoSwitch } from "./useDemo";
import { ErrorAlert } from "./ErrorAlert";

/** Settings > Demo account: start it, or see its data folder, reset it and leave it. */
export function DemoSettings() {
  const { t } = useTranslation();
  const demo = useAppInfo().data?.demo;
  const { start, stop, pending, preparing, progress, error } = useDemoSwitch();
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
            <Group>
              <ResetDemoButton testId="settings-reset-demo" />
              <Button variant="default" onClick={() => stop.mutate()} loading={pending} data-testid="settings-leave-demo">
                {t("demo.leave")}
              </Button>
            </Group>
          </>
        ) : (
          <Button onClick={() => start.mutate()} loading={pending} data-testid="settings-start-demo">
            {t("demo.start")}
          </Button>
        )}
        <ErrorAlert error={error} />
        <DemoPreparing opened={preparing} progress={progress} />
      </Stack>
    </Paper>
  );
}
