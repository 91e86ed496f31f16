import { Anchor, Badge, Breadcrumbs, Group, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { INTEGRATION_CATALOG, type TUpdateIntegration } from "@portcullis/shared";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { ErrorState, LoadingState } from "../../../components/states.tsx";
import { usePageTitle } from "../../../lib/use-page-title.ts";
import { useIntegration, useUpdateIntegration } from "../api/integrations.ts";
import { IntegrationWizard } from "../components/wizard/integration-wizard.tsx";

export function EditIntegrationPage() {
  const { id = "" } = useParams();
  const navigate = useNavigate();
  const integration = useIntegration(id);
  const update = useUpdateIntegration(id);
  // `?field=` (the integration page's Fix): the wizard opens at the field to change.
  const [params] = useSearchParams();
  usePageTitle(integration.data ? `Edit ${integration.data.name}` : "Edit integration");

  if (integration.isPending) return <LoadingState label="Loading the integration…" />;
  if (integration.isError) {
    return (
      <ErrorState
        title="This integration could not be loaded"
        error={integration.error}
        onRetry={() => integration.refetch()}
      />
    );
  }
  const current = integration.data;
  const definition = INTEGRATION_CATALOG[current.type];
  return (
    <Stack maw={960} mx="auto">
      <Breadcrumbs separatorMargin={6}>
        <Anchor component={Link} to="/connected">
          Connected
        </Anchor>
        <Anchor component={Link} to={`/connected/${current.id}`}>
          {current.name}
        </Anchor>
        <Text>Edit</Text>
      </Breadcrumbs>
      <div>
        <Group gap="sm">
          <Title order={2}>Edit {current.name}</Title>
          <Badge variant="light" title="The type of an integration cannot be changed">
            {definition.label}
          </Badge>
        </Group>
        <Text c="dimmed" size="sm">
          The type is fixed. Changing the connector, the configuration or the resource types starts a new
          fetch.
        </Text>
      </div>
      {/* Keyed by the id: the form starts from the saved integration and is not reset by polling. */}
      <IntegrationWizard
        key={current.id}
        type={current.type}
        integration={current}
        submitLabel="Save changes"
        focusField={params.get("field") ?? undefined}
        onSubmit={async (body) => {
          const saved = await update.mutateAsync(body as TUpdateIntegration);
          notifications.show({
            color: "green",
            title: "Changes saved",
            message: `${saved.name} was updated.`,
          });
          navigate(`/connected/${encodeURIComponent(saved.id)}`);
        }}
      />
    </Stack>
  );
}
