import { Button, Center } from "@mantine/core";
import { isRouteErrorResponse, useRouteError } from "react-router";
import { NotFoundPage } from "../components/not-found-page.tsx";
import { ErrorState } from "../components/states.tsx";
import { usePageTitle } from "../lib/use-page-title.ts";

/** Shown when a page throws while rendering or its code cannot be loaded (e.g. after a deploy). */
export function RouteError() {
  const error = useRouteError();
  usePageTitle("Error");
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;
  const chunkFailed =
    error instanceof Error &&
    /dynamically imported module|Importing a module script failed/i.test(error.message);
  return (
    <Center py="xl" px="md">
      <ErrorState
        title={chunkFailed ? "This page could not be loaded" : "Something went wrong on this page"}
        message={
          chunkFailed
            ? "Portcullis may have been updated since this tab was opened. Reload to get the latest version."
            : "The page hit an unexpected error. Reloading usually helps; if it does not, report it."
        }
        action={<Button onClick={() => window.location.reload()}>Reload</Button>}
      />
    </Center>
  );
}
