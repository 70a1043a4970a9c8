import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
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

/**
 * Starts or leaves the demo account. Every query is refetched afterwards: in demo mode the
 * integrations come from the demo's own store, and appInfo says whether the demo is on.
 */
export function useDemoSwitch() {
  const client = useQueryClient();
  const refetchAll = () => client.invalidateQueries();
  const start = useMutation({ mutationFn: ipc.startDemo, onSuccess: refetchAll });
  const stop = useMutation({ mutationFn: ipc.stopDemo, onSuccess: refetchAll });
  return { start, stop, pending: start.isPending || stop.isPending, error: start.error ?? stop.error };
}
