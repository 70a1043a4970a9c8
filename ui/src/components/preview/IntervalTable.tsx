import { Button, Pagination, Stack, Table, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatInZone, type GridRow } from "./previewModel";

const PAGE = 48;

/** Per-interval counts of the selected queues, newest first; "no data" outside the imported coverage. */
export function IntervalTable({
  rows,
  queues,
  timeZone,
  onDrill,
}: {
  rows: GridRow[];
  queues: string[];
  timeZone: string;
  onDrill: (queue: string, start: number) => void;
}) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const pages = Math.max(1, Math.ceil(rows.length / PAGE));
  const current = Math.min(page, pages);
  const newestFirst = [...rows].reverse().slice((current - 1) * PAGE, current * PAGE);
  return (
    <Stack gap="xs">
      <Table.ScrollContainer minWidth={400}>
        <Table striped data-testid="interval-table">
          <Table.Caption>{t("data.preview.intervalCaption", { zone: timeZone })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("data.preview.start")}</Table.Th>
              {queues.map((q) => (
                <Table.Th key={q} translate="no">
                  {q}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {newestFirst.map((row) => {
              const label = formatInZone(row.start, timeZone);
              return (
                <Table.Tr key={row.start} data-testid="interval-row" data-start={label}>
                  <Table.Td>{label}</Table.Td>
                  {row.counts.map((count, i) => (
                    <Table.Td key={queues[i]}>
                      {count === null ? (
                        <Text size="sm" fs="italic" c="dimmed" data-testid="no-data">
                          {t("data.preview.noData")}
                        </Text>
                      ) : count === 0 ? (
                        <Text size="sm" data-testid="zero">
                          0
                        </Text>
                      ) : (
                        <Button
                          variant="subtle"
                          size="compact-sm"
                          data-testid="count-cell"
                          onClick={() => onDrill(queues[i], row.start)}
                          aria-label={t("data.preview.drillCount", { count, queue: queues[i], start: label })}
                        >
                          {count}
                        </Button>
                      )}
                    </Table.Td>
                  ))}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {pages > 1 && (
        <Pagination
          total={pages}
          value={current}
          onChange={setPage}
          size="sm"
          data-testid="interval-pages"
          getControlProps={(control) => ({ "aria-label": t(`data.preview.page.${control}`) })}
          getItemProps={(p) => ({ "aria-label": t("data.preview.page.number", { page: p }) })}
        />
      )}
    </Stack>
  );
}
