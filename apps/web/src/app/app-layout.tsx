import { AppShell, Group, Tabs, Title } from "@mantine/core";
import { Outlet, useLocation, useNavigate } from "react-router";

const TABS = [
  { value: "/catalog", label: "Catalog" },
  { value: "/connected", label: "Connected" },
  { value: "/connectors", label: "Connectors" },
  { value: "/portal", label: "Portal" },
];

export function AppLayout() {
  const location = useLocation();
  const navigate = useNavigate();
  const active = TABS.find((tab) => location.pathname.startsWith(tab.value))?.value ?? null;
  return (
    <AppShell header={{ height: 104 }} padding="lg">
      <AppShell.Header px="lg">
        <Group h={56}>
          <Title order={1} size="h3">
            Portcullis
          </Title>
        </Group>
        <Tabs value={active} onChange={(value) => value && navigate(value)}>
          <Tabs.List aria-label="Sections">
            {TABS.map((tab) => (
              <Tabs.Tab key={tab.value} value={tab.value}>
                {tab.label}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </Tabs>
      </AppShell.Header>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
