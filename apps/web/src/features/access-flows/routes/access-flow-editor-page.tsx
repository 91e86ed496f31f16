import { Anchor, Breadcrumbs, Skeleton, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { Link, useNavigate, useParams } from "react-router";
import { ErrorState } from "../../../components/states.tsx";
import { usePageTitle } from "../../../lib/use-page-title.ts";
import { useAccessFlow } from "../api/access-flows.ts";
import { AccessFlowForm } from "../components/access-flow-form.tsx";

/** /access-flows/new (from the default flow) and /access-flows/:id (edit). */
export function AccessFlowEditorPage() {
  const { id } = useParams();
  const editing = id !== undefined && id !== "new";
  const flow = useAccessFlow(editing ? id : undefined);
  const navigate = useNavigate();
  const title = editing ? (flow.data ? flow.data.name : "Access flow") : "New access flow";
  usePageTitle(title);
  const back = () => navigate("/access-flows");

  return (
    <Stack maw={880} mx="auto" w="100%">
      <Breadcrumbs>
        <Anchor component={Link} to="/access-flows" size="sm">
          Access flows
        </Anchor>
        <Text size="sm" style={{ overflowWrap: "anywhere" }}>
          {title}
        </Text>
      </Breadcrumbs>
      <Title order={2} style={{ overflowWrap: "anywhere" }}>
        {title}
      </Title>
      {!editing ? (
        <AccessFlowForm
          onSaved={(saved) => {
            notifications.show({
              color: "green",
              title: "Access flow created",
              message: `${saved.name} was created.`,
            });
            back();
          }}
          onCancel={back}
        />
      ) : flow.isPending ? (
        <Skeleton h={320} radius="md" aria-label="Loading the access flow" />
      ) : flow.isError ? (
        <ErrorState
          title="The access flow could not be loaded"
          error={flow.error}
          onRetry={() => flow.refetch()}
        />
      ) : (
        <AccessFlowForm
          key={flow.data.id}
          flow={flow.data}
          onSaved={(saved) => {
            notifications.show({
              color: "green",
              title: "Access flow saved",
              message: `${saved.name} was saved.`,
            });
            back();
          }}
          onCancel={back}
        />
      )}
    </Stack>
  );
}
