import { Center, Loader } from "@mantine/core";
import { createBrowserRouter, Navigate } from "react-router";
import { NotFoundPage } from "../components/not-found-page.tsx";
import { useMe } from "../features/auth/api/auth.ts";
import { homePathFor } from "../lib/paths.ts";
import { AppLayout, RequireAdmin } from "./app-layout.tsx";
import { RouteError } from "./route-error.tsx";

function PageLoader() {
  return (
    <Center mih="100vh">
      <Loader aria-label="Loading Portcullis" />
    </Center>
  );
}

function HomeRedirect() {
  const me = useMe();
  return <Navigate to={me.data ? homePathFor(me.data.role) : "/sign-in"} replace />;
}

// Every page is its own chunk, loaded when first visited; the first chunk holds only the
// shell (layout, navigation, sign-in state) so it stays small.
export const router = createBrowserRouter([
  {
    path: "/sign-in",
    errorElement: <RouteError />,
    hydrateFallbackElement: <PageLoader />,
    lazy: () => import("../features/auth/routes/sign-in-page.tsx").then((m) => ({ Component: m.SignInPage })),
  },
  {
    path: "/",
    element: <AppLayout />,
    errorElement: <RouteError />,
    hydrateFallbackElement: <PageLoader />,
    children: [
      {
        errorElement: <RouteError />,
        children: [
          { index: true, element: <HomeRedirect /> },
          {
            element: <RequireAdmin />,
            children: [
              {
                path: "catalog",
                lazy: () =>
                  import("../features/catalog/routes/catalog-page.tsx").then((m) => ({
                    Component: m.CatalogPage,
                  })),
              },
              {
                path: "catalog/aws",
                lazy: () =>
                  import("../features/catalog/routes/aws-group-page.tsx").then((m) => ({
                    Component: m.AwsGroupPage,
                  })),
              },
              {
                path: "catalog/aws/:type",
                lazy: () =>
                  import("../features/integrations/routes/new-integration-page.tsx").then((m) => ({
                    Component: m.NewIntegrationPage,
                  })),
              },
              {
                path: "connected",
                lazy: () =>
                  import("../features/integrations/routes/connected-page.tsx").then((m) => ({
                    Component: m.ConnectedPage,
                  })),
              },
              {
                path: "connected/:id",
                lazy: () =>
                  import("../features/integrations/routes/integration-page.tsx").then((m) => ({
                    Component: m.IntegrationPage,
                  })),
              },
              {
                path: "connected/:id/edit",
                lazy: () =>
                  import("../features/integrations/routes/edit-integration-page.tsx").then((m) => ({
                    Component: m.EditIntegrationPage,
                  })),
              },
              {
                path: "connectors",
                lazy: () =>
                  import("../features/connectors/routes/connectors-page.tsx").then((m) => ({
                    Component: m.ConnectorsPage,
                  })),
              },
              {
                path: "identity-sources",
                lazy: () =>
                  import("../features/identity-sources/routes/identity-sources-page.tsx").then((m) => ({
                    Component: m.IdentitySourcesPage,
                  })),
              },
              {
                path: "identity-sources/:id",
                lazy: () =>
                  import("../features/identity-sources/routes/identity-source-page.tsx").then((m) => ({
                    Component: m.IdentitySourcePage,
                  })),
              },
              {
                path: "activity",
                lazy: () =>
                  import("../features/activity/index.ts").then((m) => ({ Component: m.ActivityPage })),
              },
              {
                path: "users",
                lazy: () =>
                  import("../features/users/routes/users-page.tsx").then((m) => ({ Component: m.UsersPage })),
              },
              {
                path: "access-flows",
                lazy: () =>
                  import("../features/access-flows/routes/access-flows-page.tsx").then((m) => ({
                    Component: m.AccessFlowsPage,
                  })),
              },
              {
                path: "access-flows/:id",
                lazy: () =>
                  import("../features/access-flows/routes/access-flow-editor-page.tsx").then((m) => ({
                    Component: m.AccessFlowEditorPage,
                  })),
              },
              {
                path: "settings/sign-in",
                lazy: () =>
                  import("../features/oidc-settings/index.ts").then((m) => ({
                    Component: m.OidcSettingsPage,
                  })),
              },
            ],
          },
          {
            path: "portal",
            lazy: () =>
              import("../features/portal/routes/portal-page.tsx").then((m) => ({ Component: m.PortalPage })),
          },
          {
            path: "portal/request",
            lazy: () =>
              import("../features/access-requests/routes/request-access-page.tsx").then((m) => ({
                Component: m.RequestAccessPage,
              })),
          },
          {
            path: "portal/requests",
            lazy: () =>
              import("../features/access-requests/routes/my-requests-page.tsx").then((m) => ({
                Component: m.MyRequestsPage,
              })),
          },
          {
            path: "portal/access",
            lazy: () =>
              import("../features/access-requests/routes/my-access-page.tsx").then((m) => ({
                Component: m.MyAccessPage,
              })),
          },
          {
            path: "approvals",
            lazy: () =>
              import("../features/approvals/routes/approvals-page.tsx").then((m) => ({
                Component: m.ApprovalsPage,
              })),
          },
          { path: "*", element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
