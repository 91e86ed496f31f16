import { Button, Center } from "@mantine/core";
import { Link } from "react-router";
import { usePageTitle } from "../lib/use-page-title.ts";
import { ErrorState } from "./states.tsx";

/** For an unknown address, and for pages whose object does not exist. */
export function NotFoundPage() {
  usePageTitle("Not found");
  return (
    <Center py="xl">
      <ErrorState
        title="Page not found"
        message="There is nothing at this address. It may have been deleted or mistyped."
        action={
          <Button component={Link} to="/">
            Go to the start page
          </Button>
        }
      />
    </Center>
  );
}
