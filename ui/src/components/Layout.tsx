import { AppShell, Group, NavLink, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { Link, Outlet, ScrollRestoration, useLocation } from "react-router";
import { DemoBanner } from "./DemoBanner";

// An integration's explorer belongs to "Queue explorer", every other integration page to "Integrations".
const EXPLORER_PAGE = /^\/integrations\/[^/]+\/explorer$/;
const under = (pathname: string, prefix: string) => pathname === prefix || pathname.startsWith(`${prefix}/`);

const NAV = [
  {
    to: "/integrations",
    key: "nav.integrations",
    active: (p: string) => p === "/" || (under(p, "/integrations") && !EXPLORER_PAGE.test(p)),
  },
  { to: "/explorer", key: "explorer.nav", active: (p: string) => under(p, "/explorer") || EXPLORER_PAGE.test(p) },
  { to: "/dashboard", key: "nav.dashboard", active: (p: string) => under(p, "/dashboard") },
  { to: "/settings", key: "nav.settings", active: (p: string) => under(p, "/settings") },
] as const;

export function Layout() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 0 }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md">
          <Title order={2} size="h4">
            {t("app.name")}
          </Title>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t("app.mainNavigation")}>
        {NAV.map((item) => {
          // A plain Link: react-router's NavLink would mark "Integrations" current on an explorer page too.
          const active = item.active(pathname);
          return (
            <NavLink
              key={item.to}
              component={Link}
              to={item.to}
              label={<Text size="sm">{t(item.key)}</Text>}
              active={active}
              aria-current={active ? "page" : undefined}
              data-testid={`nav-${item.to.slice(1)}`}
            />
          );
        })}
      </AppShell.Navbar>
      <AppShell.Main>
        <DemoBanner />
        <Outlet />
        {/* A new screen starts at its top, not at the previous screen's scroll position. */}
        <ScrollRestoration />
      </AppShell.Main>
    </AppShell>
  );
}
