import { Badge, Box, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { useFocusOnMount } from "./useFocusOnMount";
import type { CheckResult, Product } from "../ipc";
import { isKnownCheckCode, severityOf, type Severity } from "./checkOutcome";

const LOOK: Record<Severity, { color: string; icon: string }> = {
  passed: { color: "green.8", icon: "✓" },
  failed: { color: "red.8", icon: "✕" },
  warning: { color: "orange.9", icon: "!" },
};

// Required checks (docs/cli.md): the rest only inform, except a failed plan.
const REQUIRED: Record<Product, CheckResult["check"][]> = {
  freshdesk: ["host", "key", "account_admin", "ticket_scope"],
  freshchat: ["host", "key", "reports_extract"],
};

/** The connection test's results, one row per check: icon, word and colour, then reason and fix. */
export function CheckList({
  checks,
  product,
  title,
  focusSummary = false,
}: {
  checks: CheckResult[];
  product: Product;
  title?: string;
  /** Moves the focus to the summary when the results appear (right after a test the user ran). */
  focusSummary?: boolean;
}) {
  const { t } = useTranslation();
  const summary = useFocusOnMount<HTMLParagraphElement>(focusSummary, checks);
  return (
    <Stack gap="xs" data-testid="check-list">
      <Title order={3} size="h4">
        {title ?? t("checks.title")}
      </Title>
      {/* Announced to screen readers when a test finishes; the rows below carry the detail. */}
      <Text size="sm" role="status" data-testid="check-summary" ref={summary} tabIndex={-1}>
        {t("checks.summary", countBySeverity(checks))}
      </Text>
      <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: "none" }}>
        {checks.map((check) => (
          <CheckRow key={check.check} check={check} required={REQUIRED[product].includes(check.check)} />
        ))}
      </Stack>
    </Stack>
  );
}

function countBySeverity(checks: CheckResult[]) {
  const count = (severity: Severity) => checks.filter((c) => severityOf(c) === severity).length;
  return { passed: count("passed"), failed: count("failed"), warnings: count("warning") };
}

function CheckRow({ check, required }: { check: CheckResult; required: boolean }) {
  const { t } = useTranslation();
  const severity = severityOf(check);
  const look = LOOK[severity];
  const label =
    severity === "passed"
      ? t("checks.passed")
      : severity === "failed"
        ? t("checks.failed")
        : check.outcome === "unverified"
          ? t("checks.unverified")
          : t("checks.warning");
  const code = isKnownCheckCode(check.code) ? check.code : null;
  const known = code !== null;
  // A code the UI does not know yet still gets the core's English reason, never a raw key.
  const reason = code ? t(`checks.codes.${code}.reason`) : check.message;
  const fix = code && severity !== "passed" ? t(`checks.codes.${code}.fix`) : null;
  return (
    <Paper
      component="li"
      withBorder
      p="sm"
      data-testid={`check-${check.check}`}
      data-outcome={severity}
      data-code={check.code}
      style={{ borderLeft: `4px solid var(--mantine-color-${look.color.replace(".", "-")})` }}
    >
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <Box w={190} style={{ flexShrink: 0 }}>
          <Badge color={look.color} variant="filled" fullWidth leftSection={<span aria-hidden>{look.icon}</span>}>
            {label}
          </Badge>
        </Box>
        <Stack gap={2}>
          <Text fw={600}>
            {t(`checks.names.${check.check}`)}
            {required && (
              <Text span c="dimmed" size="sm" fw={400}>
                {" "}
                ({t("checks.required")})
              </Text>
            )}
          </Text>
          <Text size="sm">{reason}</Text>
          {fix && (
            <Text size="sm">
              <Text span fw={600}>
                {t("checks.fix")}:
              </Text>{" "}
              {fix}
            </Text>
          )}
          {known && (
            <Text size="xs" c="dimmed">
              {t("checks.details")}: {check.message}
            </Text>
          )}
        </Stack>
      </Group>
    </Paper>
  );
}
