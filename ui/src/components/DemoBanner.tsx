import { Alert, Button, Group, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useAppInfo } from "./useAppInfo";
import { ResetDemoButton } from "./ResetDemoButton";
import { useDemoSwitch } from "./useDemo";

/** Shown on every screen while the app runs on the demo account, with *Reset demo* and the way out. */
export function DemoBanner() {
  const { t } = useTranslation();
  const demo = useAppInfo().data?.demo;
  const { stop } = useDemoSwitch();
  if (!demo) return null;
  return (
    <Alert color="grape" variant="filled" mb="md" data-testid="demo-banner" role="status" aria-label={t("demo.banner")}>
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm">
          <Text span fw={700}>
            {t("demo.banner")}
          </Text>{" "}
          — {t("demo.bannerBody")}
        </Text>
        <Group gap="xs" wrap="nowrap">
          <ResetDemoButton variant="white" color="grape" size="xs" testId="reset-demo" />
          <Button
            size="xs"
            variant="white"
            color="grape"
            onClick={() => stop.mutate()}
            loading={stop.isPending}
            data-testid="leave-demo"
          >
            {t("demo.leave")}
          </Button>
        </Group>
      </Group>
    </Alert>
  );
}
