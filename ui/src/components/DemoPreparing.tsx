import { Loader, Modal, Progress, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { DemoProgress } from "../ipc";
import { PRODUCT_NAMES } from "./productName";

/** What the app shows while the demo is being prepared: the step it is at and how far along. */
export function DemoPreparing({ opened, progress }: { opened: boolean; progress: DemoProgress | null }) {
  const { t } = useTranslation();
  const product = progress?.product ? PRODUCT_NAMES[progress.product] : "";
  const step = progress ? t(`demo.steps.${progress.step}`, { product }) : t("demo.preparingStart");
  const percent = progress ? Math.round((100 * progress.done) / progress.total) : 0;
  return (
    <Modal
      opened={opened}
      onClose={() => {}}
      withCloseButton={false}
      closeOnClickOutside={false}
      closeOnEscape={false}
      centered
      title={t("demo.preparingTitle")}
      data-testid="demo-preparing"
    >
      <Stack gap="sm">
        <Text size="sm">{t("demo.preparingBody")}</Text>
        <Progress value={percent} aria-label={t("demo.preparingTitle")} data-testid="demo-progress" />
        <Text size="sm" data-testid="demo-step" data-step={progress?.step ?? "waiting"}>
          <Loader size="xs" mr="xs" display="inline-block" />
          {step}
        </Text>
      </Stack>
    </Modal>
  );
}
