import { createBrowserRouter, Navigate } from "react-router";
import { AppLayout } from "./app-layout.tsx";

// Each tab's page is its own chunk, loaded when first visited.
export const router = createBrowserRouter([
  {
    path: "/",
    element: <AppLayout />,
    children: [
      { index: true, element: <Navigate to="/catalog" replace /> },
      {
        path: "catalog",
        lazy: () =>
          import("../features/catalog/routes/catalog-page.tsx").then((m) => ({ Component: m.CatalogPage })),
      },
    ],
  },
]);
