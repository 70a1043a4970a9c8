import { Anchor, Center, Loader, Stack, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { reasonText } from "../components/dashboard/reasonText";
import { useStatuses } from "../components/dashboard/useStatuses";
import { Lead } from "../components/EmptyState";
import { ErrorAlert } from "../components/ErrorAlert";
import { formatDateTime } from "../components/formatDate";
import { AddIntegrationButton, NoIntegrationsOffer } from "../components/NoIntegrationsOffer";
import { PRODUCT_NAMES } from "../components/productName";
import { StatusBadge } from "../components/StatusBadge";
import { useIntegrations } from "../components/useIntegrations";
import { useReportFirstPaint } from "../hooks/useReportFirstPaint";
import type { Integration, IntegrationHealth } from "../ipc";
import { PageHeader } from "./PageHeader";

/** "Account > Integrations": the list with status, or the empty state with the demo offer. */
export function IntegrationsPage() {
  const { t } = useTranslation();
  const list = useIntegrations();
  const hasIntegrations = (list.data?.length ?? 0) > 0;
  // The list, its empty state or why it could not be read: the page has its content.
  useReportFirstPaint(!list.isPending);
  return (
    <>
      <PageHeader
        title={t("integrations.title")}
        crumbs={[{ label: t("nav.integrations") }]}
        action={hasIntegrations ? <AddIntegrationButton /> : undefined}
      />
      {list.isPending && (
        <Center>
          <Loader aria-label={t("app.loading")} />
        </Center>
      )}
      <ErrorAlert error={list.error} />
      {list.data &&
        (hasIntegrations ? (
          <IntegrationTable integrations={list.data} />
        ) : (
          <NoIntegrationsOffer testId="integrations-empty" title={t("integrations.emptyTitle")}>
            <Lead>{t("integrations.emptyBody")}</Lead>
            <Text size="sm">{t("integrations.emptyHint")}</Text>
          </NoIntegrationsOffer>
        ))}
    </>
  );
}

function IntegrationTable({ integrations }: { integrations: Integration[] }) {
  const { t } = useTranslation();
  const statuses = useStatuses();
  const healthOf = new Map(statuses.data?.integrations.map((h) => [h.id, h]));
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped highlightOnHover aria-label={t("integrations.listLabel")} data-testid="integrations-list">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("integrations.columnName")}</Table.Th>
            <Table.Th>{t("integrations.columnProduct")}</Table.Th>
            <Table.Th>{t("integrations.columnDomain")}</Table.Th>
            <Table.Th>{t("integrations.columnStatus")}</Table.Th>
            <Table.Th>{t("integrations.columnCreated")}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {integrations.map((i) => (
            <Table.Tr key={i.id} data-testid="integration-row">
              <Table.Td>
                <Anchor component={Link} to={`/integrations/${i.id}`} fw={600}>
                  {i.name}
                </Anchor>
              </Table.Td>
              <Table.Td>{PRODUCT_NAMES[i.product]}</Table.Td>
              <Table.Td>{i.domain}</Table.Td>
              <Table.Td>
                <StatusCell integration={i} health={healthOf.get(i.id)} />
              </Table.Td>
              <Table.Td>{formatDateTime(i.createdAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/**
 * The status model's state and reason; until it has answered (or when it cannot), the state the
 * last connection check stored.
 */
function StatusCell({ integration, health }: { integration: Integration; health: IntegrationHealth | undefined }) {
  const { t } = useTranslation();
  if (!health) return <StatusBadge status={integration.status} />;
  return (
    <Stack gap={4} align="flex-start">
      <StatusBadge status={health.state} />
      {health.reason && (
        <Text size="sm" data-testid="row-reason">
          {reasonText(t, health.reason.code, "message", health.reason.message)}
        </Text>
      )}
    </Stack>
  );
}
