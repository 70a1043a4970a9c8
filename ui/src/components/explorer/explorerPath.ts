/** The queue explorer of one integration. */
export function explorerPath(id: string): string {
  return `/integrations/${id}/explorer`;
}
