import { Button, Center, Loader } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { explorerPath } from "../components/explorer/explorerPath";
import { DataSection } from "../components/preview/DataSection";
import { useIntegration } from "../components/useIntegrations";
import { PageHeader } from "./PageHeader";
import { ErrorAlert } from "../components/ErrorAlert";

/** Import and live queue preview of one integration (#/integrations/:id/data). */
export function IntegrationDataPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const query = useIntegration(id);
  const integration = query.data;
  return (
    <>
      <PageHeader
        title={t("data.title", { name: integration?.name ?? id })}
        crumbs={[
          { label: t("nav.integrations"), to: "/integrations" },
          { label: integration?.name ?? id, to: `/integrations/${id}` },
          { label: t("data.crumb") },
        ]}
        action={
          <Button component={Link} to={explorerPath(id)} variant="default" data-testid="open-explorer">
            {t("explorer.open")}
          </Button>
        }
      />
      {query.isPending && (
        <Center>
          <Loader aria-label={t("integration.loading")} />
        </Center>
      )}
      <ErrorAlert error={query.error} />
      {integration && <DataSection integration={integration} />}
    </>
  );
}
