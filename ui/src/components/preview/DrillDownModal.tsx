import { Alert, Button, Center, Loader, Modal, Table, Text, VisuallyHidden } from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ipc, type IpcError, type Product } from "../../ipc";
import { formatInZone } from "./previewModel";
import { timelinePath } from "../explorer/explorerPath";
import { ErrorAlert } from "../ErrorAlert";
import { useAppInfo } from "../useAppInfo";

export type DrillTarget = { queue: string; from: number; to: number; label: string };

const KINDS = ["ticket", "reply", "chat"] as const;

/**
 * The contacts behind one count: id, time, the rule that made it a contact, Open in Freshdesk.
 * In the demo the tickets live in the built-in simulator: the demo's domains are real Freshdesk
 * names (acme.freshdesk.com), so nothing is opened and a note says where the ticket is.
 */
export function DrillDownModal({
  integrationId,
  product,
  target,
  timeZone,
  onClose,
}: {
  integrationId: string;
  product: Product;
  target: DrillTarget | null;
  timeZone: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const from = target ? new Date(target.from).toISOString() : "";
  const to = target ? new Date(target.to).toISOString() : "";
  const query = useQuery<Awaited<ReturnType<typeof ipc.queueContacts>>, IpcError>({
    queryKey: ["queueContacts", integrationId, target?.queue, from, to],
    queryFn: () => ipc.queueContacts(integrationId, target!.queue, from, to),
    enabled: target !== null,
  });
  const open = useMutation<void, IpcError, number>({ mutationFn: (ticket) => ipc.openTicket(integrationId, ticket) });
  const demo = useAppInfo().data?.demo != null;
  const [demoTicket, setDemoTicket] = useState<string | null>(null);
  const kind = (k: string) =>
    (KINDS as readonly string[]).includes(k) ? t(`data.drill.kinds.${k as (typeof KINDS)[number]}`) : k;
  return (
    <Modal
      opened={target !== null}
      onClose={() => {
        setDemoTicket(null);
        onClose();
      }}
      size="xl"
      title={target ? t("data.drill.title", { queue: target.queue, range: target.label }) : ""}
      closeButtonProps={{ "aria-label": t("data.drill.close") }}
    >
      {query.isPending && (
        <Center>
          <Loader aria-label={t("app.loading")} />
        </Center>
      )}
      <ErrorAlert error={query.error} />
      {demoTicket !== null && (
        <Alert color="grape" role="status" mb="sm" data-testid="demo-ticket-note">
          {t("data.drill.demoTicket", { id: demoTicket })}
        </Alert>
      )}
      {open.isError && (
        <Alert color="red" role="alert" mb="sm">
          {t(`errors.${open.error.code}`)}
        </Alert>
      )}
      {query.data && (
        <>
          <Table striped data-testid="drill-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("data.drill.contact")}</Table.Th>
                <Table.Th>{t("data.drill.time", { zone: timeZone })}</Table.Th>
                <Table.Th>{t("data.drill.rule")}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t("data.drill.actions")}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.map((row) => {
                const ticket = /^ticket:(\d+)$/.exec(row.contactId);
                return (
                  <Table.Tr key={row.contactId + row.at} data-testid="drill-row">
                    <Table.Td translate="no">{row.contactId}</Table.Td>
                    <Table.Td>{formatInZone(Date.parse(row.at), timeZone)}</Table.Td>
                    <Table.Td>{kind(row.kind)}</Table.Td>
                    <Table.Td>
                      {product === "freshdesk" && ticket && (
                        <Button
                          component={Link}
                          to={timelinePath(integrationId, ticket[1])}
                          variant="default"
                          size="compact-sm"
                          mr="xs"
                          data-testid="ticket-timeline"
                          aria-label={t("data.drill.timelineOf", { id: ticket[1] })}
                        >
                          {t("data.drill.timeline")}
                        </Button>
                      )}
                      {product === "freshdesk" && ticket && (
                        <Button
                          variant="default"
                          size="compact-sm"
                          onClick={() => (demo ? setDemoTicket(ticket[1]) : open.mutate(Number(ticket[1])))}
                          data-testid="open-ticket"
                          aria-label={t("data.drill.openTicket", { id: ticket[1] })}
                        >
                          {t("data.drill.open")}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
          {query.data.length === 0 && <Text size="sm">{t("data.drill.none")}</Text>}
          {query.data.length >= 500 && (
            <Text size="sm" mt="sm" data-testid="drill-truncated">
              {t("data.drill.truncated")}
            </Text>
          )}
        </>
      )}
    </Modal>
  );
}
