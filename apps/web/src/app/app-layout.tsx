import { AppShell, Badge, Button, Center, Group, Loader, Text, Title } from "@mantine/core";
import { useRef } from "react";
import { Navigate, NavLink, Outlet, useLocation } from "react-router";
import { ErrorState } from "../components/states.tsx";
import { useIsApprover } from "../features/approvals/index.ts";
import { SESSION_ENDED_REASON, useMe, useSignOut } from "../features/auth/api/auth.ts";
import classes from "./app-layout.module.css";

type Tab = { to: string; label: string };

// Navigation by role: admins manage integrations and access flows (and use the portal as users
// do); users have the portal: their integrations, requesting access, their requests and access.
// Approvals shows for whoever has requests to decide (or has had).
const PORTAL_TABS: readonly Tab[] = [
  { to: "/portal", label: "Portal" },
  { to: "/portal/request", label: "Request access" },
  { to: "/portal/requests", label: "My requests" },
  { to: "/portal/access", label: "My access" },
];
const APPROVALS_TAB: Tab = { to: "/approvals", label: "Approvals" };
const ADMIN_TABS: readonly Tab[] = [
  { to: "/catalog", label: "Catalog" },
  { to: "/connected", label: "Connected" },
  { to: "/connectors", label: "Connectors" },
  { to: "/access-flows", label: "Access flows" },
  { to: "/activity", label: "Activity" },
  { to: "/users", label: "Users" },
  { to: "/identity-sources", label: "Identity sources" },
  { to: "/settings/sign-in", label: "Sign-in" },
  ...PORTAL_TABS,
];
const USER_TABS: readonly Tab[] = PORTAL_TABS;

export function AppLayout() {
  const me = useMe();
  const location = useLocation();
  const signOut = useSignOut();
  const isApprover = useIsApprover(Boolean(me.data));
  // Signed in earlier on this page: a later "signed out" means the session ended under the user
  // (expired, or signed out in another tab), which the sign-in page says.
  const wasSignedIn = useRef(false);
  if (me.data) wasSignedIn.current = true;

  if (me.isPending) {
    return (
      <Center mih="100vh">
        <Loader aria-label="Loading Portcullis" />
      </Center>
    );
  }
  if (me.isError) {
    return (
      <Center mih="100vh" p="md" component="main">
        <ErrorState title="Portcullis is not reachable" error={me.error} onRetry={() => me.refetch()} />
      </Center>
    );
  }
  if (!me.data) {
    // After signing out, start afresh; otherwise come back here after signing in.
    if (!signOut.isIdle) return <Navigate to="/sign-in" replace />;
    const params = new URLSearchParams();
    if (location.pathname !== "/") params.set("next", location.pathname + location.search);
    if (wasSignedIn.current) params.set("reason", SESSION_ENDED_REASON);
    const search = params.toString();
    return <Navigate to={search ? `/sign-in?${search}` : "/sign-in"} replace />;
  }

  const showApprovals = isApprover.data === true || location.pathname.startsWith(APPROVALS_TAB.to);
  const tabs = [
    ...(me.data.role === "admin" ? ADMIN_TABS : USER_TABS),
    ...(showApprovals ? [APPROVALS_TAB] : []),
  ];
  return (
    <AppShell header={{ height: 100 }} padding={{ base: "sm", sm: "lg" }}>
      <AppShell.Header px={{ base: "sm", sm: "lg" }}>
        <a href="#main" className={classes.skip}>
          Skip to content
        </a>
        <Group h={56} justify="space-between" wrap="nowrap">
          <Title order={1} size="h3">
            Portcullis
          </Title>
          <Group gap="xs" wrap="nowrap">
            <Text size="sm" truncate maw={{ base: 140, sm: 280 }} visibleFrom="xs" title={me.data.email}>
              {me.data.email}
            </Text>
            <Badge
              variant="light"
              color={me.data.role === "admin" ? "grape" : "gray"}
              aria-label={`Role: ${me.data.role}`}
            >
              {me.data.role}
            </Badge>
            <Button variant="default" size="xs" loading={signOut.isPending} onClick={() => signOut.mutate()}>
              Sign out
            </Button>
          </Group>
        </Group>
        <nav aria-label="Main" className={classes.nav}>
          {tabs.map((tab) => (
            <NavLink key={tab.to} to={tab.to} className={classes.link} end={tab.to === "/portal"}>
              {tab.label}
            </NavLink>
          ))}
        </nav>
      </AppShell.Header>
      <AppShell.Main id="main" tabIndex={-1}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}

/** Admin pages: a `user` who opens one (a bookmark, a typed URL) is told so, not shown a broken page. */
export function RequireAdmin() {
  const me = useMe();
  if (me.data?.role === "admin") return <Outlet />;
  return (
    <Center py="xl">
      <ErrorState
        title="This page is for admins"
        message="Your account has the user role: you can see the integrations you may use in the portal."
        action={
          <Button component={NavLink} to="/portal">
            Open the portal
          </Button>
        }
      />
    </Center>
  );
}
