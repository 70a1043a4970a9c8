import { Code, NativeSelect, Paper, Stack, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { DemoSettings } from "../components/DemoSettings";
import { useAppInfo, useSetLanguage } from "../components/useAppInfo";
import { LANGUAGES } from "../i18n";
import type { Language } from "../ipc";
import { PageHeader } from "./PageHeader";

export function SettingsPage() {
  const { t } = useTranslation();
  const info = useAppInfo().data;
  const setLanguage = useSetLanguage();
  if (!info) return null;
  return (
    <>
      <PageHeader title={t("settings.title")} />
      <Stack maw={720}>
        <Paper withBorder p="lg">
          <NativeSelect
            id="language"
            data-testid="language-select"
            label={t("settings.language")}
            description={t("settings.languageHelp")}
            value={info.language}
            disabled={setLanguage.isPending}
            data={LANGUAGES.map((l) => ({ value: l.code, label: l.name }))}
            onChange={(e) => setLanguage.mutate(e.currentTarget.value as Language)}
            error={setLanguage.error ? t(`errors.${setLanguage.error.code}`) : undefined}
          />
        </Paper>
        <Paper withBorder p="lg">
          <Table variant="vertical" layout="fixed" withRowBorders={false}>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={180}>{t("settings.dataFolder")}</Table.Th>
                <Table.Td>
                  <Code data-testid="data-dir">{info.dataDir}</Code>
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t("settings.logFolder")}</Table.Th>
                <Table.Td>
                  <Code>{info.logDir}</Code>
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t("settings.version")}</Table.Th>
                <Table.Td>
                  <Text data-testid="app-version">{info.version}</Text>
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Paper>
        <DemoSettings />
      </Stack>
    </>
  );
}
