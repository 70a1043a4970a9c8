import { Anchor, Button, Group, PasswordInput, Stack, Text } from "@mantine/core";
import { useState, type FormEvent, type RefObject } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ipc, type IpcError, type KeyCheck } from "../../ipc";
import { Callout } from "./Callout";
import { ErrorAlert } from "../ErrorAlert";
import { formatDateTime } from "../formatDate";
import { Section } from "../Section";
import { toIpcError } from "../toIpcError";

const LOOK = {
  active: { color: "green", icon: "✓" },
  replaced: { color: "red", icon: "✕" },
  unknown: { color: "orange", icon: "?" },
} as const;

/**
 * F13: is the key the client app holds the current injixo API key? The pasted key lives only in
 * the input element (uncontrolled, never in React state); the input is cleared as soon as the
 * key is sent, and only the answer is kept.
 */
export function KeyCheckSection({ id, inputRef: input }: { id: string; inputRef: RefObject<HTMLInputElement | null> }) {
  const { t } = useTranslation();
  const [hasKey, setHasKey] = useState(false);
  const [checking, setChecking] = useState(false);
  const [answer, setAnswer] = useState<KeyCheck | null>(null);
  const [error, setError] = useState<IpcError | null>(null);

  const check = async (event: FormEvent) => {
    event.preventDefault();
    const field = input.current;
    const key = field?.value.trim() ?? "";
    if (!field || key === "") return;
    field.value = "";
    setHasKey(false);
    setChecking(true);
    setAnswer(null);
    setError(null);
    try {
      setAnswer(await ipc.checkInjixoKey(id, key));
    } catch (e) {
      setError(toIpcError(e));
    }
    setChecking(false);
  };

  return (
    <Section title={t("diagnose.keyCheck.title")} testId="key-check-section">
      <Text size="sm">{t("diagnose.keyCheck.intro")}</Text>
      <form onSubmit={(e) => void check(e)}>
        <Group align="flex-end">
          <PasswordInput
            ref={input}
            label={t("diagnose.keyCheck.label")}
            onChange={(e) => setHasKey(e.currentTarget.value.trim() !== "")}
            autoComplete="off"
            spellCheck={false}
            style={{ flex: 1, minWidth: 260 }}
            data-testid="key-check-input"
          />
          <Button type="submit" disabled={!hasKey} loading={checking} data-testid="key-check-button">
            {t("diagnose.keyCheck.check")}
          </Button>
        </Group>
      </form>
      <div role="status">{answer && <KeyCheckAnswer id={id} answer={answer} />}</div>
      <ErrorAlert error={error} />
    </Section>
  );
}

function KeyCheckAnswer({ id, answer }: { id: string; answer: KeyCheck }) {
  const { t } = useTranslation();
  const look = LOOK[answer.result];
  const date = (iso: string | null) => (iso ? formatDateTime(iso) : "—");
  const headline =
    answer.result === "active"
      ? t("diagnose.keyCheck.active", { issued_at: date(answer.issued_at) })
      : answer.result === "replaced"
        ? t("diagnose.keyCheck.replaced", { replaced_at: date(answer.replaced_at) })
        : t("diagnose.keyCheck.unknown");
  const fix =
    answer.result === "replaced"
      ? t("diagnose.keyCheck.replacedFix")
      : answer.result === "unknown"
        ? t("diagnose.keyCheck.unknownFix")
        : null;
  return (
    <Callout color={look.color} testId="key-check-answer" data-result={answer.result}>
      <Stack gap="xs">
        <Text fw={700} data-testid="key-check-headline">
          <span aria-hidden>{look.icon} </span>
          {headline}
        </Text>
        {fix && (
          <>
            <Text size="sm" data-testid="key-check-fix">
              <Text span fw={600}>
                {t("diagnose.fix")}:
              </Text>{" "}
              {fix}
            </Text>
            <Anchor component={Link} to={`/integrations/${id}`} size="sm">
              {t("diagnose.keyCheck.toIntegration")}
            </Anchor>
          </>
        )}
      </Stack>
    </Callout>
  );
}
