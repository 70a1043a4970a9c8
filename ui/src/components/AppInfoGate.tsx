import { Center, Loader } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import i18n from "../i18n";
import { StoreErrorScreen } from "./StoreErrorScreen";
import { useCoreEvent } from "../hooks/useCoreEvent";
import { ipc } from "../ipc";
import { APP_INFO_KEY, useAppInfo } from "./useAppInfo";

/** Loads what the core knows (language, store state) before any screen renders. */
export function AppInfoGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const info = useAppInfo();
  const language = info.data?.language;
  useStoreFailedRefetch();

  useEffect(() => {
    if (language && i18n.language !== language) void i18n.changeLanguage(language);
    if (language) document.documentElement.lang = language;
  }, [language]);

  if (info.isPending || (language && i18n.language !== language)) {
    return (
      <Center h="100vh">
        <Loader aria-label={t("app.loading")} />
      </Center>
    );
  }
  if (info.isError) {
    return <StoreErrorScreen code="internal" message={String(info.error)} />;
  }
  if (info.data.storeError) {
    return (
      <StoreErrorScreen
        code={info.data.storeError.code}
        message={info.data.storeError.message}
        database={info.data.database}
      />
    );
  }
  return <>{children}</>;
}

/**
 * The store's full integrity check runs after the first paint; should it fail, the core says so
 * and the app info, asked again, carries the error that the error screen shows.
 */
function useStoreFailedRefetch() {
  const client = useQueryClient();
  useCoreEvent(
    ipc.onStoreFailed,
    () => void client.invalidateQueries({ queryKey: APP_INFO_KEY }),
    (error) => console.error("store-failed subscription failed", error),
  );
}
