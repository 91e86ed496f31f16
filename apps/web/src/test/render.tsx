import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactElement, ReactNode } from "react";
import { createMemoryRouter, RouterProvider } from "react-router";

/**
 * Renders `ui` as the app would: Mantine (in its test mode: no transitions, no portals), a
 * fresh React Query client without retries, and a data router (the wizard's leave guard
 * needs one). Returns Testing Library's queries and a user-event instance.
 */
export function renderWithApp(ui: ReactElement) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const wrap = (children: ReactNode) => (
    <MantineProvider env="test">
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </MantineProvider>
  );
  const router = createMemoryRouter([{ path: "*", element: wrap(ui) }]);
  const user = userEvent.setup({ delay: null });
  return { user, queryClient, router, ...render(<RouterProvider router={router} />) };
}
