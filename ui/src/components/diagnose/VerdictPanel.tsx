import { List, Stack, Text, Title } from "@mantine/core";
import type { Ref } from "react";
import { useTranslation } from "react-i18next";
import type { Diagnosis } from "../../ipc";
import { Callout } from "./Callout";
import { KeyCheckButton } from "./KeyCheckButton";
import { linkText, linkWords, offersKeyCheck } from "./linkText";

/**
 * The answer first: the first failed link with its message and fix, or "no link failed"; then
 * the warnings. `headingRef` gets focus when a run finishes, so screen readers read the answer.
 */
export function VerdictPanel({
  diagnosis,
  headingRef,
  onCheckKey,
}: {
  diagnosis: Diagnosis;
  headingRef: Ref<HTMLHeadingElement>;
  onCheckKey: () => void;
}) {
  const { t } = useTranslation();
  const { verdict } = diagnosis;
  const warnings = diagnosis.links.filter((l) => l.outcome === "warning");
  // The verdict carries no evidence; its link does, and fills the placeholders.
  const evidence = diagnosis.links.find((l) => verdict && l.link === verdict.link)?.evidence ?? {};
  return (
    <Stack gap="sm" data-testid="diagnose-verdict" data-verdict={verdict?.link ?? "none"}>
      {verdict ? (
        <Callout color="red">
          <Stack gap="xs">
            <Title order={2} size="h3" ref={headingRef} tabIndex={-1} data-testid="verdict-heading">
              <span aria-hidden>✕ </span>
              {t("diagnose.verdict")}: {t(`diagnose.links.${verdict.link}.title`)}
            </Title>
            <Text size="lg" data-testid="verdict-message">
              {linkText(t, verdict.code, "message", evidence, verdict.message)}
            </Text>
            {verdict.fix !== null && (
              <Text data-testid="verdict-fix">
                <Text span fw={700}>
                  {t("diagnose.fix")}:
                </Text>{" "}
                {linkText(t, verdict.code, "fix", evidence, verdict.fix)}
              </Text>
            )}
            {offersKeyCheck(verdict) && <KeyCheckButton onClick={onCheckKey} />}
          </Stack>
        </Callout>
      ) : (
        <Callout color="green">
          <Title order={2} size="h3" ref={headingRef} tabIndex={-1} data-testid="verdict-heading">
            <span aria-hidden>✓ </span>
            {t("diagnose.noVerdict")}
          </Title>
        </Callout>
      )}
      {warnings.length > 0 && (
        <Stack gap={4} data-testid="diagnose-warnings">
          <Title order={3} size="h4">
            <span aria-hidden>! </span>
            {t("diagnose.warnings")}
          </Title>
          <List size="sm" spacing={4}>
            {warnings.map((link) => {
              const words = linkWords(t, link);
              return (
                <List.Item key={link.link}>
                  <Text span fw={600}>
                    {t(`diagnose.links.${link.link}.title`)}:
                  </Text>{" "}
                  {words.message}
                  {words.fix && (
                    <>
                      {" "}
                      ({t("diagnose.fix")}: {words.fix})
                    </>
                  )}
                </List.Item>
              );
            })}
          </List>
        </Stack>
      )}
    </Stack>
  );
}
