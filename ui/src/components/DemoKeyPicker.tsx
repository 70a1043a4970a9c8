import { Group, NativeSelect, Paper, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { DemoAccount, Product } from "../ipc";

const PERSONAS = ["account_admin", "admin", "agent", "occasional_agent", "group_scoped_agent"] as const;

/**
 * In demo mode: pick one of the simulator's accounts and a persona, and the form gets that
 * domain and key. Demo keys only open the in-process simulator, so showing them is harmless.
 */
export function DemoKeyPicker(props: {
  accounts: DemoAccount[];
  product: Product;
  disabled: boolean;
  onPick: (domain: string, apiKey: string | null) => void;
}) {
  const { t } = useTranslation();
  const accounts = props.accounts.filter((a) => a.product === props.product);
  const [domain, setDomain] = useState("");
  const [persona, setPersona] = useState("");
  const account = accounts.find((a) => a.domain === domain);
  const personas = PERSONAS.filter((p) => account?.keys[p]);

  const pickAccount = (next: string) => {
    setDomain(next);
    const key = accounts.find((a) => a.domain === next)?.keys[persona] ?? null;
    if (!key) setPersona("");
    if (next) props.onPick(next, key);
  };
  const pickPersona = (next: string) => {
    setPersona(next);
    const key = account?.keys[next];
    if (account && key) props.onPick(account.domain, key);
  };

  if (accounts.length === 0) return null;
  return (
    <Paper withBorder p="md" bg="var(--mantine-color-grape-light)" data-testid="demo-picker">
      <Stack gap="xs">
        <Text fw={600}>{t("setup.demoTitle")}</Text>
        <Text size="sm">{t("setup.demoHelp")}</Text>
        <Group grow align="flex-start">
          <NativeSelect
            id="demo-account"
            label={t("setup.demoAccount")}
            value={domain}
            disabled={props.disabled}
            onChange={(e) => pickAccount(e.currentTarget.value)}
            data={[
              { value: "", label: t("setup.demoChoose") },
              ...accounts.map((a) => ({
                value: a.domain,
                label: `${a.domain} — ${a.plan}${a.suspended ? ` (${t("setup.suspended")})` : ""}`,
              })),
            ]}
          />
          <NativeSelect
            id="demo-persona"
            label={t("setup.demoPersona")}
            value={persona}
            disabled={props.disabled || !account}
            onChange={(e) => pickPersona(e.currentTarget.value)}
            data={[
              { value: "", label: t("setup.demoChoose") },
              ...personas.map((p) => ({ value: p, label: t(`setup.personas.${p}`) })),
            ]}
          />
        </Group>
      </Stack>
    </Paper>
  );
}
