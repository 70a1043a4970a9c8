/** The queue explorer of one integration. */
export function explorerPath(id: string): string {
  return `/integrations/${id}/explorer`;
}

/** The explorer with the timeline of one ticket shown ("Reconcile per ticket"). */
export function timelinePath(id: string, ticket: number | string): string {
  return `${explorerPath(id)}?ticket=${ticket}`;
}
