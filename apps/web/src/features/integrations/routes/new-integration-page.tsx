import { Anchor, Badge, Breadcrumbs, Group, List, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { INTEGRATION_CATALOG, isIntegrationType, type TCreateIntegration } from "@portcullis/shared";
import { Link, useNavigate, useParams } from "react-router";
import { NotFoundPage } from "../../../components/not-found-page.tsx";
import { usePageTitle } from "../../../lib/use-page-title.ts";
import { useCreateIntegration } from "../api/integrations.ts";
import { IntegrationWizard } from "../components/wizard/integration-wizard.tsx";

export function NewIntegrationPage() {
  const { type } = useParams();
  const navigate = useNavigate();
  const create = useCreateIntegration();
  const definition = isIntegrationType(type) ? INTEGRATION_CATALOG[type] : null;
  usePageTitle(definition ? `Connect ${definition.label}` : "Not found");
  if (!isIntegrationType(type) || !definition) return <NotFoundPage />;

  return (
    <Stack maw={960} mx="auto">
      <Breadcrumbs separatorMargin={6}>
        <Anchor component={Link} to="/catalog">
          Catalog
        </Anchor>
        <Anchor component={Link} to="/catalog/aws">
          AWS
        </Anchor>
        <Text>{definition.label}</Text>
      </Breadcrumbs>
      <div>
        <Group gap="sm">
          <Title order={2}>Connect {definition.label}</Title>
          <Badge variant="light">{definition.category}</Badge>
        </Group>
        <Text c="dimmed" size="sm">
          {definition.description}
        </Text>
      </div>
      <details>
        <summary>
          <Text span size="sm" fw={500}>
            Prerequisites
          </Text>
        </summary>
        <List size="sm" mt={4}>
          {definition.prerequisites.map((prerequisite) => (
            <List.Item key={prerequisite}>{prerequisite}</List.Item>
          ))}
        </List>
      </details>
      <IntegrationWizard
        type={type}
        submitLabel="Confirm"
        onSubmit={async (body) => {
          const created = await create.mutateAsync({ ...body, type } as TCreateIntegration);
          notifications.show({
            color: "blue",
            title: "Integration created",
            message: `${created.name} is initializing: its first fetch is running.`,
          });
          navigate(`/connected?highlight=${encodeURIComponent(created.id)}`);
        }}
      />
    </Stack>
  );
}
