import { Paper } from "@mantine/core";
import type { ReactNode } from "react";

/**
 * A tinted box for an answer (verdict, key check). Not Mantine's Alert: that is role="alert",
 * which would announce it a second time next to the focus move or the live region around it.
 */
export function Callout({
  color,
  testId,
  children,
  ...data
}: { color: string; testId?: string; children: ReactNode } & Record<`data-${string}`, string>) {
  return (
    <Paper
      p="lg"
      data-testid={testId}
      {...data}
      style={{
        background: `var(--mantine-color-${color}-light)`,
        borderLeft: `4px solid var(--mantine-color-${color}-filled)`,
      }}
    >
      {children}
    </Paper>
  );
}
