import { MantineProvider } from "@mantine/core";
import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import i18n from "../i18n";
import { LocaleDateInput } from "./LocaleDateInput";
import { formatDateIn, parseDateIn } from "./localeDate";

/** The field as a page uses it; `changes` records every ISO date it reported. */
function Field({ initial, max, changes }: { initial: string; max?: string; changes: string[] }) {
  const [value, setValue] = useState(initial);
  return (
    <>
      <LocaleDateInput
        id="since"
        label="Since"
        value={value}
        max={max}
        onChange={(iso) => {
          changes.push(iso);
          setValue(iso);
        }}
      />
      <output data-testid="value">{value}</output>
    </>
  );
}

function renderIn(language: string, initial = "2026-03-07", max?: string) {
  void i18n.changeLanguage(language);
  const changes: string[] = [];
  render(
    <MantineProvider>
      <Field initial={initial} max={max} changes={changes} />
    </MantineProvider>,
  );
  return { input: screen.getByLabelText("Since") as HTMLInputElement, changes };
}

async function retype(input: HTMLInputElement, text: string) {
  await userEvent.clear(input);
  await userEvent.type(input, text);
  await userEvent.tab();
}

afterEach(async () => {
  await act(() => i18n.changeLanguage("en"));
});

describe("LocaleDateInput writes and reads dates the way the app's language does", () => {
  it.each([
    ["en", "2026-03-07", "YYYY-MM-DD", "2026-11-01", "2026-13-01", "2026-02-30", "11/01/2026"],
    ["de", "07.03.2026", "TT.MM.JJJJ", "01.11.2026", "01.13.2026", "30.02.2026", "2026-11-01"],
    ["fr", "07/03/2026", "JJ/MM/AAAA", "01/11/2026", "01/13/2026", "30/02/2026", "01.11.2026"],
    ["it", "07/03/2026", "GG/MM/AAAA", "01/11/2026", "01/13/2026", "30/02/2026", "2026/11/01"],
  ])("%s: shows %s with placeholder %s; a typed date sets the value", async (lang, shown, placeholder, typed) => {
    const { input, changes } = renderIn(lang);
    expect(input).toHaveValue(shown);
    expect(input).toHaveAttribute("placeholder", placeholder);
    expect(screen.getByText(new RegExp(placeholder.replace(/[.]/g, "\\.")))).toBeInTheDocument();
    await retype(input, typed);
    expect(screen.getByTestId("value")).toHaveTextContent("2026-11-01");
    expect(changes).toEqual(["2026-11-01"]);
    expect(input).not.toHaveAttribute("aria-invalid", "true");
  });

  it.each([
    ["en", "11/01/2026", "Enter the date as YYYY-MM-DD, for example 2026-12-31."],
    ["de", "2026-11-01", "Gib das Datum als TT.MM.JJJJ ein, zum Beispiel 31.12.2026."],
    ["fr", "01.11.2026", "Saisissez la date au format JJ/MM/AAAA, par exemple 31/12/2026."],
    ["it", "2026/11/01", "Inserisci la data nel formato GG/MM/AAAA, ad esempio 31/12/2026."],
  ])("%s: another format (%s) changes nothing and says which format to use", async (lang, typed, message) => {
    const { input, changes } = renderIn(lang);
    await retype(input, typed);
    expect(screen.getByTestId("value")).toHaveTextContent("2026-03-07");
    expect(changes).toEqual([]);
    expect(input).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByText(message)).toBeInTheDocument();
    // Back in the field, the message stays until the date is right.
    await userEvent.click(input);
    expect(screen.getByText(message)).toBeInTheDocument();
    await userEvent.clear(input);
    await userEvent.type(input, formatDateIn("2026-11-01", lang));
    expect(screen.queryByText(message)).not.toBeInTheDocument();
    expect(changes).toEqual(["2026-11-01"]);
  });

  it.each([
    ["en", "2026-02-30", "2026-02-30 is not a day in the calendar."],
    ["de", "30.02.2026", "Den 30.02.2026 gibt es im Kalender nicht."],
    ["fr", "30/02/2026", "Le 30/02/2026 n’existe pas dans le calendrier."],
    ["it", "30/02/2026", "Il 30/02/2026 non esiste nel calendario."],
  ])("%s: a day the calendar does not have (%s) changes nothing", async (lang, typed, message) => {
    const { input, changes } = renderIn(lang);
    await retype(input, typed);
    expect(changes).toEqual([]);
    expect(screen.getByText(message)).toBeInTheDocument();
  });

  it("refuses a date after max, naming max in the language's format", async () => {
    const { input, changes } = renderIn("de", "2026-03-07", "2026-03-10");
    await retype(input, "11.03.2026");
    expect(changes).toEqual([]);
    expect(screen.getByText("Wähle ein Datum bis spätestens 10.03.2026.")).toBeInTheDocument();
  });

  it("accepts one-digit day and month and writes them out in full once the field is left", async () => {
    const { input, changes } = renderIn("de");
    await retype(input, "1.9.2026");
    expect(changes).toEqual(["2026-09-01"]);
    expect(input).toHaveValue("01.09.2026");
  });

  it("names the format after the page's own description", () => {
    void i18n.changeLanguage("it");
    render(
      <MantineProvider>
        <LocaleDateInput id="since" label="Dal" description="Inizio della finestra" value="" onChange={() => {}} />
      </MantineProvider>,
    );
    expect(screen.getByText("Inizio della finestra · Formato: GG/MM/AAAA")).toBeInTheDocument();
  });

  it("shows the same date in the new format when the language changes", async () => {
    const { input } = renderIn("en");
    await act(() => i18n.changeLanguage("fr"));
    expect(input).toHaveValue("07/03/2026");
    expect(input).toHaveAttribute("placeholder", "JJ/MM/AAAA");
  });
});

describe("localeDate", () => {
  it("round-trips every day of a leap year in every language", () => {
    for (const lang of ["en", "de", "fr", "it"]) {
      for (let day = 0; day < 366; day++) {
        const iso = new Date(Date.UTC(2028, 0, 1 + day)).toISOString().slice(0, 10);
        expect(parseDateIn(formatDateIn(iso, lang), lang)).toEqual({ ok: true, iso });
      }
    }
  });
});
