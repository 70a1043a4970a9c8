import { Button, Checkbox, Group, Table, Text, TextInput, UnstyledButton } from "@mantine/core";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { PreviewReport } from "../../ipc";

type SortKey = "name" | "total";

/** The source queues with their totals: sortable, searchable, each selectable for the chart. */
export function QueueTable({
  report,
  selected,
  onToggle,
  onDrill,
}: {
  report: PreviewReport;
  selected: string[];
  onToggle: (queue: string) => void;
  onDrill: (queue: string) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({ key: "total", desc: true });
  const rows = useMemo(() => {
    const needle = search.trim().toLowerCase();
    const list = report.queues.filter((q) => q.name.toLowerCase().includes(needle));
    list.sort((a, b) => {
      const c = sort.key === "name" ? a.name.localeCompare(b.name) : a.total - b.total || a.name.localeCompare(b.name);
      return sort.desc ? -c : c;
    });
    return list;
  }, [report.queues, search, sort]);
  const header = (key: SortKey, label: string) => {
    const active = sort.key === key;
    return (
      <Table.Th aria-sort={active ? (sort.desc ? "descending" : "ascending") : "none"}>
        <UnstyledButton
          onClick={() => setSort({ key, desc: active ? !sort.desc : key === "total" })}
          data-testid={`sort-${key}`}
          fw={700}
        >
          {label} {active ? (sort.desc ? "▼" : "▲") : ""}
        </UnstyledButton>
      </Table.Th>
    );
  };
  return (
    <>
      <TextInput
        id="queue-search"
        label={t("data.preview.search")}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        maw={360}
      />
      <Table striped highlightOnHover data-testid="queue-table">
        <Table.Caption>{t("data.preview.queuesCaption")}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={60}>{t("data.preview.show")}</Table.Th>
            {header("name", t("data.preview.queue"))}
            {header("total", t("data.preview.total"))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((q) => (
            <Table.Tr key={q.name} data-testid="queue-row" data-queue={q.name}>
              <Table.Td>
                <Checkbox
                  checked={selected.includes(q.name)}
                  onChange={() => onToggle(q.name)}
                  aria-label={t("data.preview.showQueue", { queue: q.name })}
                />
              </Table.Td>
              <Table.Td>
                <Text size="sm" translate="no">
                  {q.name}
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap={0}>
                  {q.total === 0 ? (
                    <Text size="sm" px={10}>
                      0
                    </Text>
                  ) : (
                    <Button
                      variant="subtle"
                      size="compact-sm"
                      onClick={() => onDrill(q.name)}
                      data-testid="queue-total"
                      aria-label={t("data.preview.drillTotal", { count: q.total, queue: q.name })}
                    >
                      {q.total}
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {rows.length === 0 && (
        <Text size="sm" c="dimmed" data-testid="no-queues">
          {report.queues.length === 0 ? t("data.preview.noQueues") : t("data.preview.noMatch")}
        </Text>
      )}
    </>
  );
}
