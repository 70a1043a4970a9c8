import { Button, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EmptyState, Lead } from "../components/EmptyState";
import { PageHeader } from "./PageHeader";

/** "Account > Integrations". Until integrations can be added (setup issue) the list is always empty. */
export function IntegrationsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t("integrations.title")} crumbs={[{ label: t("nav.integrations") }]} />
      <EmptyState
        testId="integrations-empty"
        title={t("integrations.emptyTitle")}
        action={
          <Button component={Link} to="/integrations/new" data-testid="add-integration">
            {t("integrations.add")}
          </Button>
        }
      >
        <Lead>{t("integrations.emptyBody")}</Lead>
        <Text size="sm">{t("integrations.emptyHint")}</Text>
      </EmptyState>
    </>
  );
}
