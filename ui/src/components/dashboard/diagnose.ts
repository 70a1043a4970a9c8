/**
 * Whether App.tsx has the route `integrations/:id/diagnose`. Set this to true in the change that
 * adds the route, and each dashboard card gets its Diagnose button.
 */
export const DIAGNOSE_ROUTE_EXISTS: boolean = true;

export function diagnosePath(id: string) {
  return `/integrations/${id}/diagnose`;
}
