import { Group, Paper, Stack, Title } from "@mantine/core";
import { useId, type ReactNode } from "react";

/** A titled, bordered section of a page (a `<section>` labelled by its heading). */
export function Section({
  title,
  aside,
  testId,
  children,
}: {
  title: ReactNode;
  /** Shown at the right of the heading (e.g. a live indicator). */
  aside?: ReactNode;
  testId?: string;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby={headingId} data-testid={testId}>
      <Stack>
        <Group justify="space-between">
          <Title order={2} size="h3" id={headingId}>
            {title}
          </Title>
          {aside}
        </Group>
        {children}
      </Stack>
    </Paper>
  );
}
