import { Button, Code, Group, Table } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import type { ReactNode } from "react";
import { ipc, type Integration } from "../ipc";
import { formatDateTime } from "./formatDate";
import { PRODUCT_NAMES } from "./productName";
import { StatusBadge } from "./StatusBadge";
import { useStoreIntegration } from "./useIntegrations";
import { Section } from "./Section";
import { ErrorAlert } from "./ErrorAlert";

/** What is stored about an integration (the key only masked), with "Check again". */
export function IntegrationDetails({ integration }: { integration: Integration }) {
  const { t } = useTranslation();
  const storeIntegration = useStoreIntegration();
  const recheck = useMutation({
    mutationFn: () => ipc.recheckIntegration(integration.id),
    onSuccess: storeIntegration,
  });
  const rows: [string, ReactNode][] = [
    [t("integration.product"), PRODUCT_NAMES[integration.product]],
    [t("integration.domain"), integration.domain],
    [t("integration.apiKey"), <Code data-testid="key-mask">{integration.keyMask}</Code>],
    [t("integration.status"), <StatusBadge status={integration.status} />],
    [t("integration.created"), formatDateTime(integration.createdAt)],
    [t("integration.lastCheck"), formatDateTime(integration.checkedAt)],
  ];
  return (
    <Section title={t("integration.details")} testId="integration-details">
      <Table variant="vertical" layout="fixed" withRowBorders={false}>
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th w={180}>{label}</Table.Th>
              <Table.Td>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group>
        <Button variant="default" onClick={() => recheck.mutate()} loading={recheck.isPending} data-testid="check-again">
          {t("integration.checkAgain")}
        </Button>
      </Group>
      <ErrorAlert error={recheck.error} />
    </Section>
  );
}
