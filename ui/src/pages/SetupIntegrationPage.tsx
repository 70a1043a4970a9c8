import { Alert, Button, Group, Loader, Paper, Stack, Text, TextInput } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Navigate, useNavigate, useParams } from "react-router";
import { CheckList } from "../components/CheckList";
import { CredentialsFields } from "../components/CredentialsFields";
import { DemoKeyPicker } from "../components/DemoKeyPicker";
import { fieldOfError } from "../components/fieldOfError";
import { toIpcError } from "../components/toIpcError";
import { useAppInfo } from "../components/useAppInfo";
import { useStoreIntegration } from "../components/useIntegrations";
import { ipc, type ConnectionTest, type IpcError, type Product } from "../ipc";
import { PageHeader } from "./PageHeader";

const PRODUCTS: Product[] = ["freshdesk", "freshchat"];

/** Route /integrations/new/:product: checks the product, then shows the setup form. */
export function SetupIntegrationPage() {
  const { product } = useParams();
  if (!PRODUCTS.includes(product as Product)) return <Navigate to="/integrations/new" replace />;
  return <SetupForm key={product} product={product as Product} />;
}

/**
 * Name, Credentials, Test connection, Save integration. The API key lives only in this form's
 * state (never in the query cache); Save is possible only after a test that allows it for the
 * inputs as they are now.
 */
function SetupForm({ product }: { product: Product }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const storeIntegration = useStoreIntegration();
  const demo = useAppInfo().data?.demo;
  const [name, setName] = useState("");
  const [domain, setDomain] = useState("");
  const [apiKey, setApiKey] = useState("");
  const [test, setTest] = useState<ConnectionTest | null>(null);
  const [busy, setBusy] = useState<"test" | "save" | null>(null);
  const [error, setError] = useState<IpcError | null>(null);
  const [notSaved, setNotSaved] = useState(false);

  const errorField = error ? fieldOfError(error.code) : null;
  const fieldError = (field: typeof errorField) =>
    error && errorField === field ? t(`errors.${error.code}`) : undefined;
  const credentialsChanged = () => {
    // A test only vouches for the domain and key it ran with.
    setTest(null);
    setNotSaved(false);
    if (errorField !== "name") setError(null);
  };

  const runTest = async () => {
    setBusy("test");
    setError(null);
    setNotSaved(false);
    setTest(null);
    try {
      setTest(await ipc.testConnection(product, domain, apiKey));
    } catch (e) {
      setError(toIpcError(e));
    } finally {
      setBusy(null);
    }
  };

  const save = async () => {
    setBusy("save");
    setError(null);
    try {
      const result = await ipc.addIntegration(product, name, domain, apiKey);
      if (result.integration) {
        storeIntegration(result.integration);
        navigate(`/integrations/${result.integration.id}`);
        return;
      }
      setTest(result.test);
      setNotSaved(true);
    } catch (e) {
      setError(toIpcError(e));
    }
    setBusy(null);
  };

  const title = product === "freshdesk" ? t("setup.titleFreshdesk") : t("setup.titleFreshchat");
  const canSave = Boolean(test?.canSave) && busy === null;
  return (
    <>
      <PageHeader
        title={title}
        crumbs={[
          { label: t("nav.integrations"), to: "/integrations" },
          { label: t("addIntegration.title"), to: "/integrations/new" },
          { label: title },
        ]}
      />
      <Stack maw={720} gap="lg">
        {demo && (
          <DemoKeyPicker
            accounts={demo.accounts}
            product={product}
            disabled={busy !== null}
            onPick={(pickedDomain, pickedKey) => {
              setDomain(pickedDomain);
              if (pickedKey !== null) setApiKey(pickedKey);
              credentialsChanged();
            }}
          />
        )}
        <Paper
          withBorder
          p="lg"
          component="form"
          noValidate
          aria-busy={busy !== null}
          data-testid="setup-form"
          onSubmit={(e) => {
            e.preventDefault();
            void runTest();
          }}
        >
          <Stack gap="lg">
            <TextInput
              id="integration-name"
              label={t("setup.name")}
              description={t("setup.nameHelp")}
              value={name}
              onChange={(e) => {
                setName(e.currentTarget.value);
                if (errorField === "name") setError(null);
              }}
              error={fieldError("name")}
              disabled={busy !== null}
              required
              autoComplete="off"
            />
            <CredentialsFields
              product={product}
              domain={domain}
              apiKey={apiKey}
              onDomain={(v) => {
                setDomain(v);
                credentialsChanged();
              }}
              onApiKey={(v) => {
                setApiKey(v);
                credentialsChanged();
              }}
              domainError={fieldError("domain")}
              apiKeyError={fieldError("apiKey")}
              expandedTo={test?.domain.expandedFromSubdomain ? test.domain.host : null}
              disabled={busy !== null}
            />
            {error && errorField === null && (
              <Alert color="red" role="alert" data-testid="form-error">
                {t(`errors.${error.code}`)}
              </Alert>
            )}
            <Group>
              <Button type="submit" variant="default" disabled={busy !== null} data-testid="test-connection">
                {t("setup.test")}
              </Button>
              <Button
                type="button"
                disabled={!canSave}
                loading={busy === "save"}
                onClick={() => void save()}
                data-testid="save-integration"
              >
                {t("setup.save")}
              </Button>
              <Button component={Link} to="/integrations/new" variant="subtle">
                {t("setup.cancel")}
              </Button>
            </Group>
            {busy !== null && (
              <Group gap="xs" role="status" data-testid="test-progress">
                <Loader size="sm" aria-hidden />
                <Text size="sm">{busy === "test" ? t("setup.testing") : t("setup.saving")}</Text>
              </Group>
            )}
            {!test?.canSave && busy === null && (
              <Text size="sm" c="dimmed">
                {t("setup.saveHint")}
              </Text>
            )}
          </Stack>
        </Paper>
        {notSaved && (
          <Alert color="red" role="alert" data-testid="not-saved">
            {t("setup.notSaved")}
          </Alert>
        )}
        {test && <CheckList checks={test.checks} product={product} focusSummary />}
      </Stack>
    </>
  );
}
