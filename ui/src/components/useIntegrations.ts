import { useQuery, useQueryClient } from "@tanstack/react-query";
import { ipc, type Integration } from "../ipc";

export const INTEGRATIONS_KEY = ["integrations"] as const;

export function integrationKey(id: string) {
  return [...INTEGRATIONS_KEY, id] as const;
}

export function useIntegrations() {
  return useQuery({ queryKey: INTEGRATIONS_KEY, queryFn: ipc.listIntegrations });
}

export function useIntegration(id: string) {
  return useQuery({ queryKey: integrationKey(id), queryFn: () => ipc.getIntegration(id) });
}

/** Puts a fresh copy of an integration into the cache (its page and the list). */
export function useStoreIntegration() {
  const client = useQueryClient();
  return (integration: Integration) => {
    client.setQueryData(integrationKey(integration.id), integration);
    void client.invalidateQueries({ queryKey: INTEGRATIONS_KEY, exact: true });
  };
}
