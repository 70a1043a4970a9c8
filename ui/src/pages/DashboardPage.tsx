import { Center, Loader, SimpleGrid } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { IntegrationCard } from "../components/dashboard/IntegrationCard";
import { useNow, useStatuses } from "../components/dashboard/useStatuses";
import { Lead } from "../components/EmptyState";
import { ErrorAlert } from "../components/ErrorAlert";
import { NoIntegrationsOffer } from "../components/NoIntegrationsOffer";
import { PageHeader } from "./PageHeader";

/** Every integration at a glance: one live card each, or the offer to add one. */
export function DashboardPage() {
  const { t } = useTranslation();
  const statuses = useStatuses();
  // Relative times ("5 minutes ago") move on by themselves; the data only changes on events.
  const now = useNow();
  const integrations = statuses.data?.integrations;
  return (
    <>
      <PageHeader title={t("dashboard.title")} />
      {statuses.isPending && (
        <Center>
          <Loader aria-label={t("dashboard.loading")} />
        </Center>
      )}
      <ErrorAlert error={statuses.error} />
      {integrations &&
        (integrations.length > 0 ? (
          <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg" data-testid="status-cards">
            {integrations.map((health) => (
              <IntegrationCard key={health.id} health={health} now={now} />
            ))}
          </SimpleGrid>
        ) : (
          <NoIntegrationsOffer title={t("dashboard.emptyTitle")} testId="dashboard-empty">
            <Lead>{t("dashboard.emptyBody")}</Lead>
          </NoIntegrationsOffer>
        ))}
    </>
  );
}
