import { Code, Group, Loader, NativeSelect, Paper, SimpleGrid, Stack, Text, TextInput } from "@mantine/core";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ipc, type Integration } from "../../ipc";
import type { NamedQueue, NamingOptions } from "../../ipc/explorer";
import { ErrorAlert } from "../ErrorAlert";
import { Section } from "../Section";
import { IrrelevantNote } from "./IrrelevantNote";
import { EMPTY_FORM, effectiveForm, groupValue, KINDS, namingQuery, sourcesFor, type NamingForm } from "./namingForm";
import { RuleAndDecisions } from "./RuleAndDecisions";

/** Pick group, source and kind: the queue name appears with the rule that made it. */
export function NamingSection({ integration }: { integration: Integration }) {
  const { t } = useTranslation();
  const id = integration.id;
  const options = useQuery({ queryKey: ["namingOptions", id], queryFn: () => ipc.namingOptions(id) });
  return (
    <Section title={t("explorer.naming.title")} testId="naming-section">
      <Text size="sm">{t("explorer.naming.intro")}</Text>
      {options.isPending && <Loader size="sm" aria-label={t("app.loading")} />}
      <ErrorAlert error={options.error} />
      {options.data && <NamingForm id={id} options={options.data} />}
    </Section>
  );
}

function NamingForm({ id, options }: { id: string; options: NamingOptions }) {
  const { t } = useTranslation();
  const [picked, setPicked] = useState<NamingForm>(EMPTY_FORM);
  const form = effectiveForm(picked, options);
  const pick = (change: Partial<NamingForm>) => setPicked({ ...form, ...change });
  const query = namingQuery(form);
  const named = useQuery({
    queryKey: ["nameQueue", id, query],
    queryFn: () => ipc.nameQueue(id, query!),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
  const sources = sourcesFor(options, form.kind);
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: sources.length > 0 ? 3 : 2 }}>
        <NativeSelect
          id="naming-kind"
          label={t("explorer.naming.kind")}
          value={form.kind}
          onChange={(e) => pick({ kind: e.currentTarget.value as NamingForm["kind"] })}
          data={KINDS[options.product].map((k) => ({ value: k, label: t(`explorer.naming.kinds.${k}`) }))}
          data-testid="naming-kind"
        />
        <Stack gap={4}>
          <NativeSelect
            id="naming-group"
            label={t("explorer.naming.group")}
            description={options.groups.length === 0 ? t("explorer.naming.noGroupsYet") : undefined}
            value={form.group}
            onChange={(e) => pick({ group: e.currentTarget.value })}
            data={[
              ...options.groups.map((g) => ({ value: groupValue(g.id), label: g.name })),
              { value: "no_group", label: t("explorer.naming.noGroup") },
              { value: "deleted_group", label: t("explorer.naming.deletedGroup") },
            ]}
            data-testid="naming-group"
          />
          {form.group === "deleted_group" && (
            <TextInput
              id="naming-deleted-group"
              label={t("explorer.naming.deletedGroupId")}
              value={form.deletedGroupId}
              onChange={(e) => pick({ deletedGroupId: e.currentTarget.value })}
              spellCheck={false}
              data-testid="naming-deleted-group"
            />
          )}
        </Stack>
        {sources.length > 0 && (
          <NativeSelect
            id="naming-source"
            label={t("explorer.naming.source")}
            value={form.source}
            onChange={(e) => pick({ source: e.currentTarget.value })}
            data={sources.map((s) => ({
              value: String(s.code),
              // Source keys are part of queue names: never translated; the account's own are marked.
              label: s.custom ? t("explorer.naming.customSource", { key: s.key }) : s.key,
            }))}
            data-testid="naming-source"
          />
        )}
      </SimpleGrid>
      {/* A live region: the name that appears for the choice is announced. */}
      <div role="status">
        {query === null && <Text size="sm">{t("explorer.naming.enterGroupId")}</Text>}
        {query !== null && named.data && !named.isError && <NamedQueueCard named={named.data} busy={named.isFetching} />}
      </div>
      <ErrorAlert error={named.error} />
    </Stack>
  );
}

function NamedQueueCard({ named, busy }: { named: NamedQueue; busy: boolean }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" bg="var(--mantine-color-default-hover)" aria-busy={busy}>
      <Stack gap="sm">
        <Group gap="sm" align="baseline">
          <Text size="sm" fw={600}>
            {t("explorer.queueName")}:
          </Text>
          <Code fz="lg" translate="no" data-testid="named-queue">
            {named.name}
          </Code>
          <Text size="sm" c="dimmed">
            {t("explorer.channel", { channel: t(`explorer.channels.${named.channel === "chat" ? "chat" : "cases"}`) })}
          </Text>
        </Group>
        {named.irrelevant && <IrrelevantNote />}
        <RuleAndDecisions
          rule={named.rule}
          decisions={named.decisions}
          ruleTestId="named-rule"
          decisionTestId="named-decision"
        />
      </Stack>
    </Paper>
  );
}
