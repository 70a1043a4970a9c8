import { Stack, Text } from "@mantine/core";
import { useRef } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { DiagnosisSection } from "../components/diagnose/DiagnosisSection";
import { KeyCheckSection } from "../components/diagnose/KeyCheckSection";
import { useIntegration } from "../components/useIntegrations";
import { PageHeader } from "./PageHeader";

/** Diagnose "Operational but no data" (F12) and check a key from the client app (F13): #/integrations/:id/diagnose. */
export function DiagnosePage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const query = useIntegration(id);
  const name = query.data?.name ?? id;
  const keyInput = useRef<HTMLInputElement>(null);
  const focusKeyCheck = () => {
    keyInput.current?.scrollIntoView?.({ block: "center" });
    keyInput.current?.focus();
  };
  return (
    <>
      <PageHeader
        title={t("diagnose.pageTitle", { name })}
        crumbs={[
          { label: t("nav.integrations"), to: "/integrations" },
          { label: name, to: `/integrations/${id}` },
          { label: t("diagnose.title") },
        ]}
      />
      <Stack maw={880} gap="lg" data-testid="diagnose-page">
        <Text>{t("diagnose.intro")}</Text>
        <DiagnosisSection key={`run-${id}`} id={id} onCheckKey={focusKeyCheck} />
        <KeyCheckSection key={`key-${id}`} id={id} inputRef={keyInput} />
      </Stack>
    </>
  );
}
