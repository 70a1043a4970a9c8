import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { DemoPreparing } from "./DemoPreparing";
import { ErrorAlert } from "./ErrorAlert";
import { useDemoSwitch } from "./useDemo";

/** *Reset demo*, after a confirmation that says what goes: back to the demo's starting point. */
export function ResetDemoButton(props: { variant?: "white" | "default"; color?: string; size?: "xs" | "sm"; testId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const { reset, preparing, progress } = useDemoSwitch();
  const confirm = () => {
    setOpen(false);
    reset.mutate();
  };
  return (
    <>
      <Button
        size={props.size ?? "sm"}
        variant={props.variant ?? "default"}
        color={props.color}
        onClick={() => setOpen(true)}
        loading={reset.isPending}
        data-testid={props.testId}
      >
        {t("demo.reset")}
      </Button>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={t("demo.resetTitle")}
        closeButtonProps={{ "aria-label": t("app.close") }}
        data-testid="reset-demo-dialog"
      >
        <Stack>
          <Text>{t("demo.resetBody")}</Text>
          <Text>{t("demo.resetKeeps")}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              {t("demo.resetCancel")}
            </Button>
            <Button color="grape" onClick={confirm} data-testid="confirm-reset-demo">
              {t("demo.reset")}
            </Button>
          </Group>
        </Stack>
      </Modal>
      <DemoPreparing opened={preparing} progress={progress} />
      {reset.error && (
        <Modal opened onClose={() => reset.reset()} title={t("demo.resetFailed")} data-testid="reset-demo-error">
          <ErrorAlert error={reset.error} />
        </Modal>
      )}
    </>
  );
}
