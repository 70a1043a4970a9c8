import { MantineProvider, createTheme } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createHashRouter, RouterProvider } from "react-router";
import { AppInfoGate } from "./components/AppInfoGate";
import { Layout } from "./components/Layout";
import { AddIntegrationPage } from "./pages/AddIntegrationPage";
import { DashboardPage } from "./pages/DashboardPage";
import { IntegrationsPage } from "./pages/IntegrationsPage";
import { SettingsPage } from "./pages/SettingsPage";

const theme = createTheme({ primaryColor: "blue", defaultRadius: "md" });

// Hash routes: every screen has an address (#/settings) that works under Tauri's custom protocol.
export const routes = [
  {
    path: "/",
    element: <Layout />,
    children: [
      { index: true, element: <IntegrationsPage /> },
      { path: "integrations", element: <IntegrationsPage /> },
      { path: "integrations/new", element: <AddIntegrationPage /> },
      { path: "dashboard", element: <DashboardPage /> },
      { path: "settings", element: <SettingsPage /> },
    ],
  },
];

export function App({ queryClient = new QueryClient() }: { queryClient?: QueryClient }) {
  const router = createHashRouter(routes);
  return (
    <MantineProvider theme={theme} defaultColorScheme="auto">
      <QueryClientProvider client={queryClient}>
        <AppInfoGate>
          <RouterProvider router={router} />
        </AppInfoGate>
      </QueryClientProvider>
    </MantineProvider>
  );
}
