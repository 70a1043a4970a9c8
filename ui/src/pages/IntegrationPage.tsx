import { Alert, Button, Center, Group, Loader, Paper, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { CheckList } from "../components/CheckList";
import { diagnosePath } from "../components/dashboard/diagnose";
import { DeleteIntegrationButton } from "../components/DeleteIntegrationButton";
import { explorerPath } from "../components/explorer/explorerPath";
import { EditIntegrationForm } from "../components/EditIntegrationForm";
import { InjixoKeySection } from "../components/InjixoKeySection";
import { IntegrationDetails } from "../components/IntegrationDetails";
import { useIntegration } from "../components/useIntegrations";
import { PageHeader } from "./PageHeader";

/** One integration: details, stored checks, Edit and Delete, and at the bottom "Install the injixo app". */
export function IntegrationPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const query = useIntegration(id);
  const [editing, setEditing] = useState(false);
  const integration = query.data;
  return (
    <>
      <PageHeader
        title={integration?.name ?? t("integration.details")}
        crumbs={[{ label: t("nav.integrations"), to: "/integrations" }, { label: integration?.name ?? id }]}
        action={
          integration &&
          !editing && (
            <Group>
              <Button component={Link} to={diagnosePath(integration.id)} variant="default" data-testid="open-diagnose">
                {t("diagnose.open")}
              </Button>
              <Button component={Link} to={explorerPath(integration.id)} variant="default" data-testid="open-explorer">
                {t("explorer.open")}
              </Button>
              <Button variant="default" onClick={() => setEditing(true)} data-testid="edit-integration">
                {t("integration.edit")}
              </Button>
              <DeleteIntegrationButton integration={integration} />
            </Group>
          )
        }
      />
      {query.isPending && (
        <Center>
          <Loader aria-label={t("integration.loading")} />
        </Center>
      )}
      {query.isError && (
        <Stack align="flex-start">
          <Alert color="red" role="alert">
            {t(`errors.${query.error.code}`)}
          </Alert>
          <Button component={Link} to="/integrations" variant="default">
            {t("addIntegration.back")}
          </Button>
        </Stack>
      )}
      {integration && (
        <Stack maw={880} gap="lg" data-testid="integration-page">
          {editing ? (
            <EditIntegrationForm integration={integration} onDone={() => setEditing(false)} />
          ) : (
            <IntegrationDetails integration={integration} />
          )}
          <Paper withBorder p="lg" data-testid="data-link-section">
            <Stack align="flex-start" gap="xs">
              <Title order={2} size="h3">
                {t("data.sectionTitle")}
              </Title>
              <Text size="sm">{t("data.sectionBody")}</Text>
              <Button component={Link} to={`/integrations/${integration.id}/data`} data-testid="open-data">
                {t("data.open")}
              </Button>
            </Stack>
          </Paper>
          <Paper withBorder p="lg">
            <CheckList checks={integration.checks} product={integration.product} title={t("integration.storedChecks")} />
          </Paper>
          <InjixoKeySection integration={integration} />
        </Stack>
      )}
    </>
  );
}
