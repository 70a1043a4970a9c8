import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ipc, type Language } from "../ipc";
import i18n from "../i18n";

export const APP_INFO_KEY = ["appInfo"] as const;

export function useAppInfo() {
  return useQuery({ queryKey: APP_INFO_KEY, queryFn: ipc.appInfo, staleTime: Infinity });
}

/** Saves the language in the core first, then switches the UI, so what is shown is what is stored. */
export function useSetLanguage() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (language: Language) => ipc.setLanguage(language),
    onSuccess: async (info) => {
      client.setQueryData(APP_INFO_KEY, info);
      await i18n.changeLanguage(info.language);
    },
  });
}

declare module "@tanstack/react-query" {
  interface Register {
    // Every query and mutation goes through ui/src/ipc, which only ever throws IpcError.
    defaultError: import("../ipc").IpcError;
  }
}
