import { Center, Loader } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Navigate } from "react-router";
import { explorerPath } from "../components/explorer/explorerPath";
import { Lead } from "../components/EmptyState";
import { ErrorAlert } from "../components/ErrorAlert";
import { NoIntegrationsOffer } from "../components/NoIntegrationsOffer";
import { useIntegrations } from "../components/useIntegrations";
import { PageHeader } from "./PageHeader";

/** The nav entry "Queue explorer" (#/explorer): opens the first integration's explorer. */
export function ExplorerIndexPage() {
  const { t } = useTranslation();
  const list = useIntegrations();
  const first = list.data?.[0];
  if (first) return <Navigate to={explorerPath(first.id)} replace />;
  return (
    <>
      <PageHeader title={t("explorer.nav")} />
      {list.isPending && (
        <Center>
          <Loader aria-label={t("app.loading")} />
        </Center>
      )}
      <ErrorAlert error={list.error} />
      {list.data && (
        <NoIntegrationsOffer testId="explorer-empty" title={t("explorer.noneTitle")}>
          <Lead>{t("explorer.noneBody")}</Lead>
        </NoIntegrationsOffer>
      )}
    </>
  );
}
