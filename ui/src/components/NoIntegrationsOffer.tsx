import { Button, Group, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { EmptyState } from "./EmptyState";
import { ErrorAlert } from "./ErrorAlert";
import { useAppInfo } from "./useAppInfo";
import { DemoPreparing } from "./DemoPreparing";
import { useDemoSwitch } from "./useDemo";

export function AddIntegrationButton() {
  const { t } = useTranslation();
  return (
    <Button component={Link} to="/integrations/new" data-testid="add-integration">
      {t("integrations.add")}
    </Button>
  );
}

/**
 * What a page shows while there is no integration: add one, or (outside the demo) try the demo
 * account. The Integrations page and the Dashboard make the same offer with their own words.
 */
export function NoIntegrationsOffer(props: { title: string; testId: string; children: ReactNode }) {
  const { title, testId, children } = props;
  const { t } = useTranslation();
  const inDemo = Boolean(useAppInfo().data?.demo);
  const demo = useDemoSwitch();
  return (
    <EmptyState
      testId={testId}
      title={title}
      action={
        <Group>
          <AddIntegrationButton />
          {!inDemo && (
            <Button
              variant="default"
              onClick={() => demo.start.mutate()}
              loading={demo.start.isPending}
              data-testid="try-demo"
            >
              {t("integrations.tryDemo")}
            </Button>
          )}
        </Group>
      }
    >
      {children}
      {!inDemo && <Text size="sm">{t("integrations.tryDemoHint")}</Text>}
      <ErrorAlert error={demo.error} />
      <DemoPreparing opened={demo.preparing} progress={demo.progress} />
    </EmptyState>
  );
}
