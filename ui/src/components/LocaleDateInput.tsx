import { TextInput } from "@mantine/core";
import { useEffect, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { formatDateIn, parseDateIn } from "./localeDate";

type Problem = { key: "format" } | { key: "noSuchDate" } | { key: "afterMax" } | null;

/**
 * A date field written the way the app's language writes dates (see `localeDate.ts`), not the
 * way WebKit's system locale does (`<input type="date">` is US-style under LANG=C). `value` and
 * `onChange` use ISO dates ("2026-12-31"); typed text that is not a valid date (or lies after
 * `max`) changes nothing and, once the user leaves the field, says what is wrong.
 */
export function LocaleDateInput({
  id,
  label,
  description,
  value,
  onChange,
  max,
}: {
  id: string;
  label: ReactNode;
  /** Shown above the field, followed by the expected format. */
  description?: string;
  value: string;
  onChange: (iso: string) => void;
  /** The last date allowed (ISO). */
  max?: string;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [text, setText] = useState(() => formatDateIn(value, language));
  const [problem, setProblem] = useState<Problem>(null);
  // Set once the user has left the field: from then on a problem shows, until it is fixed.
  const [left, setLeft] = useState(false);

  // A value set from outside, or another language: the field shows it in the language's format.
  useEffect(() => {
    setText((current) => {
      const parsed = parseDateIn(current, language);
      return parsed.ok && parsed.iso === value ? current : formatDateIn(value, language);
    });
    setProblem(null);
  }, [value, language]);

  const check = (typed: string): Problem => {
    const parsed = parseDateIn(typed, language);
    if (!parsed.ok) return { key: parsed.reason };
    if (max && parsed.iso > max) return { key: "afterMax" };
    return null;
  };

  const commit = (iso: string) => {
    if (iso !== value) onChange(iso);
  };

  const format = t("dateInput.format");
  const example = formatDateIn("2026-12-31", language);
  const message =
    left && problem
      ? problem.key === "format"
        ? t("dateInput.invalidFormat", { format, example })
        : problem.key === "noSuchDate"
          ? t("dateInput.noSuchDate", { text })
          : t("dateInput.afterMax", { max: formatDateIn(max ?? "", language) })
      : undefined;

  return (
    <TextInput
      id={id}
      label={label}
      description={[description, t("dateInput.hint", { format })].filter(Boolean).join(" · ")}
      placeholder={format}
      value={text}
      autoComplete="off"
      inputMode="numeric"
      error={message}
      onChange={(e) => {
        const typed = e.currentTarget.value;
        setText(typed);
        const found = check(typed);
        setProblem(found);
        const parsed = parseDateIn(typed, language);
        // While typing, only a date written out in full counts: "2026-02-3" is on its way to
        // "2026-02-30", not a date of its own. A short form ("1.9.2026") counts when the user leaves.
        if (found === null && parsed.ok && formatDateIn(parsed.iso, language) === typed.trim()) commit(parsed.iso);
      }}
      onBlur={() => {
        setLeft(true);
        const parsed = parseDateIn(text, language);
        if (problem === null && parsed.ok) {
          setText(formatDateIn(parsed.iso, language));
          commit(parsed.iso);
        }
      }}
    />
  );
}
