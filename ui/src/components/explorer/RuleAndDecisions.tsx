import { Badge, Group, List, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ipc } from "../../ipc";
import type { ContactRule } from "../../ipc/explorer";

const RULES: readonly ContactRule[] = [
  "new_ticket",
  "incoming_conversation",
  "spam_or_deleted_ticket",
  "spam_or_deleted_reply",
  "chat_resolved",
  "chat_undefined",
];

/**
 * The rule that made a queue name, in the source documents' words and the app's language, and
 * the decisions (where the documents are silent) that shaped it, each marked as a decision.
 */
export function RuleAndDecisions({
  rule,
  decisions,
  ruleTestId,
  decisionTestId,
}: {
  rule: ContactRule;
  decisions: string[];
  ruleTestId: string;
  decisionTestId: string;
}) {
  const { t, i18n } = useTranslation();
  // The core's English for a decision the locale files do not know yet (as the rule explainer does).
  const known = useQuery({ queryKey: ["ruleDecisions"], queryFn: () => ipc.ruleDecisions(), staleTime: Infinity });
  const decisionText = (id: string) => {
    const key = `data.decisions.${id}`;
    if (i18n.exists(key)) return (i18n.t as (k: string) => string)(key);
    return known.data?.find((d) => d.id === id)?.rule ?? id;
  };
  return (
    <Stack gap={6}>
      <Text size="sm" data-testid={ruleTestId} data-rule={rule}>
        <Text span fw={600}>
          {t("explorer.rule")}:
        </Text>{" "}
        {RULES.includes(rule) ? t(`explorer.rules.${rule}`) : rule}
      </Text>
      {decisions.length > 0 && (
        <Stack gap={4}>
          <Text size="sm" c="dimmed">
            {t("data.explainer.decisionsIntro")}
          </Text>
          <List size="sm" spacing={4} listStyleType="none" p={0}>
            {decisions.map((id) => (
              <List.Item key={id} data-testid={decisionTestId} data-decision={id}>
                <Group gap={6} wrap="nowrap" align="flex-start">
                  <Badge variant="outline" color="grape" size="sm" style={{ flexShrink: 0 }}>
                    {t("explorer.decision")}
                  </Badge>
                  <Text size="sm">{decisionText(id)}</Text>
                </Group>
              </List.Item>
            ))}
          </List>
        </Stack>
      )}
    </Stack>
  );
}
