import { Center, Loader, NativeSelect, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { ErrorAlert } from "../components/ErrorAlert";
import { explorerPath } from "../components/explorer/explorerPath";
import { NamingSection } from "../components/explorer/NamingSection";
import { SharesSection } from "../components/explorer/SharesSection";
import { TimelineSection } from "../components/explorer/TimelineSection";
import { PRODUCT_NAMES } from "../components/productName";
import { useIntegration, useIntegrations } from "../components/useIntegrations";
import { PageHeader } from "./PageHeader";

/** The queue-naming explorer of one integration (#/integrations/:id/explorer): naming, ticket timeline, queue shares. */
export function ExplorerPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const query = useIntegration(id);
  const integration = query.data;
  const name = integration?.name ?? id;
  return (
    <>
      <PageHeader
        title={t("explorer.title", { name })}
        crumbs={[
          { label: t("nav.integrations"), to: "/integrations" },
          { label: name, to: `/integrations/${id}` },
          { label: t("explorer.crumb") },
        ]}
        action={<IntegrationPicker current={id} />}
      />
      {query.isPending && (
        <Center>
          <Loader aria-label={t("integration.loading")} />
        </Center>
      )}
      <ErrorAlert error={query.error} />
      {integration && (
        <Stack maw={960} gap="lg" data-testid="explorer-page">
          <Text>{t("explorer.intro")}</Text>
          <NamingSection key={`naming-${id}`} integration={integration} />
          <TimelineSection key={`timeline-${id}`} integration={integration} />
          <SharesSection key={`shares-${id}`} integration={integration} />
        </Stack>
      )}
    </>
  );
}

/** Switches the explorer to another integration (the nav entry opens the first one). */
function IntegrationPicker({ current }: { current: string }) {
  const { t } = useTranslation();
  const list = useIntegrations();
  const navigate = useNavigate();
  const integrations = list.data ?? [];
  if (integrations.length < 2) return null;
  return (
    <NativeSelect
      id="explorer-integration"
      label={t("explorer.integration")}
      value={current}
      onChange={(e) => navigate(explorerPath(e.currentTarget.value))}
      data={integrations.map((i) => ({ value: i.id, label: `${i.name} (${PRODUCT_NAMES[i.product]})` }))}
      data-testid="explorer-integration"
    />
  );
}
