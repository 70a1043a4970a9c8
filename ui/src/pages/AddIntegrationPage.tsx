import { Button } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PageHeader } from "./PageHeader";

// PLACEHOLDER ROUTE (issue 2): the model tiles and setup form arrive with the setup issue (issue 5).
// The screen deliberately shows only its title and a way back, no "coming soon" text.
export function AddIntegrationPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader
        title={t("addIntegration.title")}
        crumbs={[{ label: t("nav.integrations"), to: "/integrations" }, { label: t("addIntegration.title") }]}
      />
      <Button component={Link} to="/integrations" variant="default">
        {t("addIntegration.back")}
      </Button>
    </>
  );
}
