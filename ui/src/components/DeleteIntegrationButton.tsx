import { Button, Group, Modal, Stack, Text } from "@mantine/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { ipc, type Integration } from "../ipc";
import { INTEGRATIONS_KEY, integrationKey } from "./useIntegrations";
import { ErrorAlert } from "./ErrorAlert";

/** Delete with a confirmation that says what goes (keychain entries) and what stays (imported data). */
export function DeleteIntegrationButton({ integration }: { integration: Integration }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const client = useQueryClient();
  const navigate = useNavigate();
  const remove = useMutation({
    mutationFn: () => ipc.removeIntegration(integration.id),
    onSuccess: async () => {
      client.removeQueries({ queryKey: integrationKey(integration.id) });
      await client.invalidateQueries({ queryKey: INTEGRATIONS_KEY });
      navigate("/integrations");
    },
  });
  return (
    <>
      <Button color="red" variant="outline" onClick={() => setOpen(true)} data-testid="delete-integration">
        {t("integration.delete")}
      </Button>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        closeButtonProps={{ "aria-label": t("app.close") }}
        title={t("deleteIntegration.title", { name: integration.name })}
        data-testid="delete-dialog"
      >
        <Stack>
          <Text>{t("deleteIntegration.keychain")}</Text>
          <Text>{t("deleteIntegration.data")}</Text>
          <ErrorAlert error={remove.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)} disabled={remove.isPending}>
              {t("deleteIntegration.cancel")}
            </Button>
            <Button color="red" onClick={() => remove.mutate()} loading={remove.isPending} data-testid="confirm-delete">
              {t("deleteIntegration.confirm")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
