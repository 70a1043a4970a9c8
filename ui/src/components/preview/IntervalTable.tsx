import { Button, Pagination, Stack, Table, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatInZone, type Cell, type GridRow } from "./previewModel";

const PAGE = 48;

/** "≥ n" for a count that is a lower bound (its interval is not fully imported yet). */
function LowerBound({ count }: { count: number }) {
  const { t } = useTranslation();
  return (
    <Text span size="sm" title={t("data.preview.partial", { count })} data-testid="partial-cell">
      {t("data.preview.atLeast", { count })}
    </Text>
  );
}

/** One queue's count in one interval: "no data", 0, "≥ n", or a count that drills down. */
function CountCell({ cell, queue, start, onDrill }: { cell: Cell | null; queue: string; start: string; onDrill: () => void }) {
  const { t } = useTranslation();
  if (cell === null) {
    return (
      <Text size="sm" fs="italic" c="dimmed" data-testid="no-data">
        {t("data.preview.noData")}
      </Text>
    );
  }
  const { count, complete } = cell;
  if (count === 0) {
    return complete ? (
      <Text size="sm" data-testid="zero">
        0
      </Text>
    ) : (
      <LowerBound count={0} />
    );
  }
  return (
    <Button
      variant="subtle"
      size="compact-sm"
      data-testid="count-cell"
      data-count={count}
      data-complete={complete}
      onClick={onDrill}
      aria-label={t(complete ? "data.preview.drillCount" : "data.preview.drillPartial", { count, queue, start })}
    >
      {complete ? count : <LowerBound count={count} />}
    </Button>
  );
}

/** Per-interval counts of the selected queues, newest first; "no data" or "≥ n" where not fully imported. */
export function IntervalTable({
  rows,
  queues,
  timeZone,
  onDrill,
  captionId,
}: {
  rows: GridRow[];
  queues: string[];
  timeZone: string;
  onDrill: (queue: string, start: number) => void;
  /** The caption's id, which the chart of the same counts points to as its description. */
  captionId?: string;
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
          <Table.Caption id={captionId}>{t("data.preview.intervalCaption", { zone: timeZone })}</Table.Caption>
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
                  {row.cells.map((cell, i) => (
                    <Table.Td key={queues[i]}>
                      <CountCell cell={cell} queue={queues[i]} start={label} onDrill={() => onDrill(queues[i], row.start)} />
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
