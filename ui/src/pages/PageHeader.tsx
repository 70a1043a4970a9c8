import { Anchor, Breadcrumbs, Group, Stack, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useFocusOnMount } from "../components/useFocusOnMount";

/** Title with the source documents' breadcrumb ("Account > Integrations"). */
export function PageHeader(props: { title: string; action?: ReactNode; crumbs?: { label: string; to?: string }[] }) {
  const { t } = useTranslation();
  // A new screen starts at its heading: keyboard and screen-reader users are told where they are
  // and Tab continues from the top of the new content (F17).
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <Group justify="space-between" align="flex-end" mb="lg">
      <Stack gap={4}>
        {props.crumbs && (
          <Breadcrumbs aria-label="breadcrumb">
            <span>{t("breadcrumb.account")}</span>
            {props.crumbs.map((c) =>
              c.to ? (
                <Anchor key={c.label} component={Link} to={c.to}>
                  {c.label}
                </Anchor>
              ) : (
                <span key={c.label}>{c.label}</span>
              ),
            )}
          </Breadcrumbs>
        )}
        <Title order={1} ref={heading} tabIndex={-1} data-testid="page-heading">
          {props.title}
        </Title>
      </Stack>
      {props.action}
    </Group>
  );
}
