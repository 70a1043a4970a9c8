import { useTranslation } from "react-i18next";
import { EmptyState, Lead } from "../components/EmptyState";
import { PageHeader } from "./PageHeader";

export function DashboardPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t("dashboard.title")} />
      <EmptyState title={t("dashboard.emptyTitle")} testId="dashboard-empty">
        <Lead>{t("dashboard.emptyBody")}</Lead>
      </EmptyState>
    </>
  );
}
