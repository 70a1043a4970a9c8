import { Paper, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";

export function EmptyState(props: { title: string; children?: ReactNode; action?: ReactNode; testId?: string }) {
  return (
    <Paper withBorder p="xl" radius="md" data-testid={props.testId}>
      <Stack align="flex-start" gap="sm" maw={640}>
        <Title order={2} size="h3">
          {props.title}
        </Title>
        {props.children}
        {props.action}
      </Stack>
    </Paper>
  );
}

export function Lead({ children }: { children: ReactNode }) {
  return <Text c="dimmed">{children}</Text>;
}
