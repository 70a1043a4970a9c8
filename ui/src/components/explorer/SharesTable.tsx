import { Code, Group, Progress, Table, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { QueueShares } from "../../ipc/explorer";
import { IrrelevantBadge } from "./IrrelevantNote";

/** Each queue name (never translated) with its contacts and share; the irrelevant ones marked. */
export function SharesTable({ shares }: { shares: QueueShares }) {
  const { t, i18n } = useTranslation();
  const percent = new Intl.NumberFormat(i18n.language, { style: "percent", maximumFractionDigits: 1 });
  const anyIrrelevant = shares.queues.some((q) => q.irrelevant);
  return (
    <>
      <Table.ScrollContainer minWidth={560}>
        <Table striped data-testid="shares-list">
          <Table.Caption>{t("explorer.shares.caption")}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("explorer.shares.queue")}</Table.Th>
              <Table.Th>{t("explorer.shares.channel")}</Table.Th>
              <Table.Th ta="right">{t("explorer.shares.contacts")}</Table.Th>
              <Table.Th w={220}>{t("explorer.shares.share")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shares.queues.map((q) => (
              <Table.Tr
                key={`${q.channel}/${q.name}`}
                data-testid="share-row"
                data-queue={q.name}
                data-irrelevant={q.irrelevant ? "true" : "false"}
              >
                <Table.Td>
                  <Group gap="xs">
                    <Code translate="no">{q.name}</Code>
                    {q.irrelevant && <IrrelevantBadge testId="share-irrelevant" />}
                  </Group>
                </Table.Td>
                <Table.Td>{t(`explorer.channels.${q.channel === "chat" ? "chat" : "cases"}`)}</Table.Td>
                <Table.Td ta="right">{q.contacts}</Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Progress
                      value={q.share * 100}
                      color={q.irrelevant ? "gray" : "blue"}
                      style={{ flex: 1 }}
                      aria-label={t("explorer.shares.shareOf", { queue: q.name })}
                    />
                    <Text size="sm" w={56} ta="right" data-testid="share-percent">
                      {percent.format(q.share)}
                    </Text>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {anyIrrelevant && (
        <Text size="sm" data-testid="shares-irrelevant-note">
          {t("explorer.irrelevant.sentence")}
        </Text>
      )}
    </>
  );
}
