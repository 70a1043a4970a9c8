import { Anchor, Button, Center, Group, Loader, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EmptyState, Lead } from "../components/EmptyState";
import { formatDateTime } from "../components/formatDate";
import { PRODUCT_NAMES } from "../components/productName";
import { StatusBadge } from "../components/StatusBadge";
import { useAppInfo } from "../components/useAppInfo";
import { useDemoSwitch, useIntegrations } from "../components/useIntegrations";
import type { Integration } from "../ipc";
import type { ReactNode } from "react";
import { PageHeader } from "./PageHeader";
import { ErrorAlert } from "../components/ErrorAlert";

/** "Account > Integrations": the list with status, or the empty state with the demo offer. */
export function IntegrationsPage() {
  const { t } = useTranslation();
  const list = useIntegrations();
  const addButton = (
    <Button component={Link} to="/integrations/new" data-testid="add-integration">
      {t("integrations.add")}
    </Button>
  );
  const hasIntegrations = (list.data?.length ?? 0) > 0;
  return (
    <>
      <PageHeader
        title={t("integrations.title")}
        crumbs={[{ label: t("nav.integrations") }]}
        action={hasIntegrations ? addButton : undefined}
      />
      {list.isPending && (
        <Center>
          <Loader aria-label={t("app.loading")} />
        </Center>
      )}
      <ErrorAlert error={list.error} />
      {list.data && (hasIntegrations ? <IntegrationTable integrations={list.data} /> : <Empty addButton={addButton} />)}
    </>
  );
}

function Empty({ addButton }: { addButton: ReactNode }) {
  const { t } = useTranslation();
  const inDemo = Boolean(useAppInfo().data?.demo);
  const demo = useDemoSwitch();
  return (
    <EmptyState
      testId="integrations-empty"
      title={t("integrations.emptyTitle")}
      action={
        <Group>
          {addButton}
          {!inDemo && (
            <Button
              variant="default"
              onClick={() => demo.start.mutate()}
              loading={demo.start.isPending}
              data-testid="try-demo"
            >
              {t("integrations.tryDemo")}
            </Button>
          )}
        </Group>
      }
    >
      <Lead>{t("integrations.emptyBody")}</Lead>
      <Text size="sm">{t("integrations.emptyHint")}</Text>
      {!inDemo && <Text size="sm">{t("integrations.tryDemoHint")}</Text>}
      <ErrorAlert error={demo.error} />
    </EmptyState>
  );
}

function IntegrationTable({ integrations }: { integrations: Integration[] }) {
  const { t } = useTranslation();
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
                <StatusBadge status={i.status} />
              </Table.Td>
              <Table.Td>{formatDateTime(i.createdAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
