import { Accordion, List, Paper, Text, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ipc } from "../../ipc";

const TOPICS = ["moreContacts", "unknown", "undefinedQueue", "noGroup", "noAht"] as const;

/** Why injixo shows more contacts than Freshdesk shows tickets, the special queues, and the decisions. */
export function RuleExplainer() {
  const { t, i18n } = useTranslation();
  const decisions = useQuery({ queryKey: ["ruleDecisions"], queryFn: () => ipc.ruleDecisions(), staleTime: Infinity });
  // A decision's text from the locale files by id; the core's English when a translation is missing.
  const translated = (id: string, english: string) => {
    const key = `data.decisions.${id}`;
    return i18n.exists(key) ? (i18n.t as (k: string) => string)(key) : english;
  };
  return (
    <Paper withBorder p="lg" data-testid="rule-explainer">
      <Title order={2} size="h3" mb="sm">
        {t("data.explainer.title")}
      </Title>
      <Accordion multiple variant="separated">
        {TOPICS.map((topic) => (
          <Accordion.Item key={topic} value={topic}>
            <Accordion.Control data-testid={`explain-${topic}`}>{t(`data.explainer.${topic}.title`)}</Accordion.Control>
            <Accordion.Panel>
              <Text size="sm" style={{ whiteSpace: "pre-line" }}>
                {t(`data.explainer.${topic}.body`)}
              </Text>
            </Accordion.Panel>
          </Accordion.Item>
        ))}
        <Accordion.Item value="decisions">
          <Accordion.Control data-testid="explain-decisions">{t("data.explainer.decisions")}</Accordion.Control>
          <Accordion.Panel>
            <Text size="sm" mb="xs">
              {t("data.explainer.decisionsIntro")}
            </Text>
            <List size="sm" spacing={4} data-testid="decision-list">
              {(decisions.data ?? []).map((d) => (
                <List.Item key={d.id}>{translated(d.id, d.rule)}</List.Item>
              ))}
            </List>
          </Accordion.Panel>
        </Accordion.Item>
      </Accordion>
    </Paper>
  );
}
