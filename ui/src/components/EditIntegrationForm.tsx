import { Alert, Button, Group, Loader, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ipc, type ConnectionTest, type Integration, type IpcError } from "../ipc";
import { CheckList } from "./CheckList";
import { CredentialsFields } from "./CredentialsFields";
import { fieldOfError } from "./fieldOfError";
import { toIpcError } from "./toIpcError";
import { useStoreIntegration } from "./useIntegrations";

/**
 * Edit name, domain and key. A blank key keeps the stored one. The core runs the checks again
 * and changes nothing unless they allow it; the checks are shown either way.
 */
export function EditIntegrationForm({ integration, onDone }: { integration: Integration; onDone: () => void }) {
  const { t } = useTranslation();
  const storeIntegration = useStoreIntegration();
  const [name, setName] = useState(integration.name);
  const [domain, setDomain] = useState(integration.domain);
  const [apiKey, setApiKey] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<IpcError | null>(null);
  const [rejected, setRejected] = useState<ConnectionTest | null>(null);

  const errorField = error ? fieldOfError(error.code) : null;
  const fieldError = (field: typeof errorField) =>
    error && errorField === field ? t(`errors.${error.code}`) : undefined;

  const save = async () => {
    setBusy(true);
    setError(null);
    setRejected(null);
    try {
      const result = await ipc.editIntegration(integration.id, name, domain, apiKey.trim() === "" ? null : apiKey);
      if (result.integration) {
        storeIntegration(result.integration);
        onDone();
        return;
      }
      setRejected(result.test);
    } catch (e) {
      setError(toIpcError(e));
    }
    setBusy(false);
  };

  return (
    <Paper
      withBorder
      p="lg"
      component="form"
      noValidate
      aria-busy={busy}
      data-testid="edit-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Stack gap="lg">
        <Title order={2} size="h3">
          {t("editIntegration.title")}
        </Title>
        <TextInput
          id="edit-name"
          label={t("setup.name")}
          description={t("setup.nameHelp")}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fieldError("name")}
          disabled={busy}
          required
          autoComplete="off"
        />
        <CredentialsFields
          product={integration.product}
          domain={domain}
          apiKey={apiKey}
          onDomain={setDomain}
          onApiKey={setApiKey}
          domainError={fieldError("domain")}
          apiKeyError={fieldError("apiKey")}
          disabled={busy}
          keyOptional
        />
        {error && errorField === null && (
          <Alert color="red" role="alert">
            {t(`errors.${error.code}`)}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={busy} data-testid="save-edit">
            {t("editIntegration.save")}
          </Button>
          <Button variant="subtle" onClick={onDone} disabled={busy}>
            {t("editIntegration.cancel")}
          </Button>
          {busy && (
            <Group gap="xs" role="status">
              <Loader size="sm" aria-hidden />
              <Text size="sm">{t("setup.testing")}</Text>
            </Group>
          )}
        </Group>
        {rejected && (
          <>
            <Alert color="red" role="alert" data-testid="edit-not-saved">
              {t("editIntegration.notSaved")}
            </Alert>
            <CheckList checks={rejected.checks} product={integration.product} />
          </>
        )}
      </Stack>
    </Paper>
  );
}
