import { Alert, Button, Code, Group, List, Modal, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ipc, type Integration, type IpcError } from "../ipc";
import { formatDateTime } from "./formatDate";
import { useFocusOnMount } from "./useFocusOnMount";
import { toIpcError } from "./toIpcError";
import { useStoreIntegration } from "./useIntegrations";
import { Section } from "./Section";
import { ErrorAlert } from "./ErrorAlert";

/**
 * "Install the injixo app": generate the injixo API key, show it once with Copy, then only a mask;
 * the steps to install the client app from the Freshworks marketplace.
 */
export function InjixoKeySection({ integration }: { integration: Integration }) {
  const { t } = useTranslation();
  return (
    <Section title={t("injixo.title")} testId="injixo-section">
      <Text size="sm">{t("injixo.intro")}</Text>
      <InjixoKey integration={integration} />
      <MarketplaceSteps />
    </Section>
  );
}

function InjixoKey({ integration }: { integration: Integration }) {
  const { t } = useTranslation();
  const storeIntegration = useStoreIntegration();
  // The key's only home: this component's state. Not the query cache, not a mutation's cached
  // result; "Done", leaving the page or reloading forgets it.
  const [shownKey, setShownKey] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const [confirmOpen, setConfirmOpen] = useState(false);
  const existing = integration.injixoKey;
  // The key just generated takes the focus (read out, and Tab goes on to Copy).
  const keyBlock = useFocusOnMount<HTMLElement>(shownKey !== null, shownKey);

  const generate = async () => {
    setConfirmOpen(false);
    setBusy(true);
    setError(null);
    setCopied(false);
    try {
      const { integration: updated, key } = await ipc.generateInjixoKey(integration.id);
      setShownKey(key);
      storeIntegration(updated);
    } catch (e) {
      setError(toIpcError(e));
    }
    setBusy(false);
  };

  const copy = async () => {
    if (!shownKey) return;
    setError(null);
    try {
      await ipc.copyToClipboard(shownKey);
      setCopied(true);
    } catch (e) {
      setError(toIpcError(e));
    }
  };

  return (
    <Stack gap="xs">
      <Text fw={600} id="injixo-key-label">
        {t("injixo.keyLabel")}
      </Text>
      {shownKey ? (
        <Stack gap="xs">
          <Alert color="orange" variant="light" role="status">
            {t("injixo.shownOnce")}
          </Alert>
          <Code
            block
            data-testid="injixo-key-value"
            aria-labelledby="injixo-key-label"
            style={{ wordBreak: "break-all" }}
            ref={keyBlock}
            tabIndex={-1}
          >
            {shownKey}
          </Code>
          <Group>
            <Button onClick={() => void copy()} data-testid="copy-injixo-key">
              {t("injixo.copy")}
            </Button>
            {copied && (
              <Text size="sm" role="status" data-testid="injixo-key-copied">
                ✓ {t("injixo.copied")}
              </Text>
            )}
            <Button
              variant="default"
              onClick={() => {
                setShownKey(null);
                setCopied(false);
              }}
              data-testid="hide-injixo-key"
            >
              {t("injixo.hide")}
            </Button>
          </Group>
        </Stack>
      ) : existing ? (
        <Group>
          <Code data-testid="injixo-key-mask">ijx_••••••••</Code>
          <Text size="sm" c="dimmed">
            {t("injixo.createdAt", { date: formatDateTime(existing.createdAt) })}
          </Text>
          <Button variant="default" onClick={() => setConfirmOpen(true)} loading={busy} data-testid="regenerate-injixo-key">
            {t("injixo.regenerate")}
          </Button>
        </Group>
      ) : (
        <Group>
          <Text size="sm" c="dimmed">
            {t("injixo.noKey")}
          </Text>
          <Button onClick={() => void generate()} loading={busy} data-testid="generate-injixo-key">
            {t("injixo.generate")}
          </Button>
        </Group>
      )}
      <ErrorAlert error={error} />
      <Modal
        opened={confirmOpen}
        onClose={() => setConfirmOpen(false)}
        title={t("injixo.regenerateTitle")}
        closeButtonProps={{ "aria-label": t("app.close") }}
      >
        <Stack>
          <Text data-testid="regenerate-warning">{t("injixo.regenerateBody")}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirmOpen(false)}>
              {t("injixo.cancel")}
            </Button>
            <Button color="red" onClick={() => void generate()} data-testid="confirm-regenerate">
              {t("injixo.regenerateConfirm")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

function MarketplaceSteps() {
  const { t } = useTranslation();
  const [error, setError] = useState<IpcError | null>(null);
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {t("injixo.stepsTitle")}
      </Title>
      <List type="ordered" size="sm" spacing={4}>
        <List.Item>{t("injixo.step1")}</List.Item>
        <List.Item>{t("injixo.step2")}</List.Item>
        <List.Item>{t("injixo.step3")}</List.Item>
      </List>
      <Group>
        <Button
          variant="outline"
          onClick={() => ipc.openMarketplace().catch((e: unknown) => setError(toIpcError(e)))}
          data-testid="open-marketplace"
        >
          {t("injixo.openMarketplace")} ↗
        </Button>
      </Group>
      <ErrorAlert error={error} />
    </Stack>
  );
}
