import { Box, Group, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { DiagnoseLink } from "../../ipc";
import { KeyCheckButton } from "./KeyCheckButton";
import { formatEvidenceValue, linkWords, offersKeyCheck, OUTCOME_LOOK } from "./linkText";
import { OutcomeBadge } from "./OutcomeBadge";

/** Every link in the order it was checked: outcome, message, fix, and its evidence on demand. */
export function LinkList({ links, onCheckKey }: { links: DiagnoseLink[]; onCheckKey: () => void }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Title order={2} size="h3">
        {t("diagnose.linksTitle")}
      </Title>
      <Stack component="ol" gap="xs" p={0} m={0} style={{ listStyle: "none" }} data-testid="diagnose-links">
        {links.map((link) => (
          <LinkRow key={link.link} link={link} onCheckKey={onCheckKey} />
        ))}
      </Stack>
    </Stack>
  );
}

function LinkRow({ link, onCheckKey }: { link: DiagnoseLink; onCheckKey: () => void }) {
  const { t } = useTranslation();
  const words = linkWords(t, link);
  const color = OUTCOME_LOOK[link.outcome].color.replace(".", "-");
  const evidence = Object.entries(link.evidence);
  return (
    <Paper
      component="li"
      withBorder
      p="sm"
      data-testid={`link-${link.link}`}
      data-outcome={link.outcome}
      data-code={link.code}
      style={{ borderLeft: `4px solid var(--mantine-color-${color})` }}
    >
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <Box w={170} style={{ flexShrink: 0 }}>
          <OutcomeBadge outcome={link.outcome} />
        </Box>
        <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
          <Text fw={600}>{t(`diagnose.links.${link.link}.title`)}</Text>
          <Text size="sm" data-testid="link-message">
            {words.message}
          </Text>
          {words.fix && (
            <Text size="sm" data-testid="link-fix">
              <Text span fw={600}>
                {t("diagnose.fix")}:
              </Text>{" "}
              {words.fix}
            </Text>
          )}
          {offersKeyCheck(link) && <KeyCheckButton onClick={onCheckKey} />}
          {evidence.length > 0 && (
            <details data-testid="link-evidence">
              <Text component="summary" size="sm" style={{ cursor: "pointer" }}>
                {t("diagnose.evidence")}
              </Text>
              <Table variant="vertical" withRowBorders={false} fz="sm" mt={4}>
                <Table.Tbody>
                  {evidence.map(([name, value]) => (
                    <Table.Tr key={name}>
                      <Table.Th w={200}>{name}</Table.Th>
                      <Table.Td style={{ wordBreak: "break-word" }}>{formatEvidenceValue(value)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </details>
          )}
        </Stack>
      </Group>
    </Paper>
  );
}
