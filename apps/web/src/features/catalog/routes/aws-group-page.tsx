import { Anchor, Breadcrumbs, Card, Group, List, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { AWS_CATALOG_GROUP, INTEGRATION_CATALOG, type TIntegrationType } from "@portcullis/shared";
import { Link } from "react-router";
import { usePageTitle } from "../../../lib/use-page-title.ts";
import { AwsLogo } from "../components/aws-logo.tsx";
import tile from "../components/tile.module.css";

/** The "Connect Integrations Group" page of the AWS tile: Discovery offers an account or an organization. */
export function AwsGroupPage() {
  usePageTitle("Connect AWS");
  return (
    <Stack>
      <Breadcrumbs>
        <Anchor component={Link} to="/catalog">
          Catalog
        </Anchor>
        <Text>{AWS_CATALOG_GROUP.label}</Text>
      </Breadcrumbs>
      <Group gap="sm">
        <AwsLogo size={40} />
        <div>
          <Title order={2}>Connect Integrations Group</Title>
          <Text c="dimmed" size="sm">
            {AWS_CATALOG_GROUP.description}
          </Text>
        </div>
      </Group>
      <section aria-labelledby="discovery-heading">
        <Title order={3} id="discovery-heading" mb="sm">
          Discovery
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {AWS_CATALOG_GROUP.types.map((type: TIntegrationType) => {
            const definition = INTEGRATION_CATALOG[type];
            return (
              <Card
                key={type}
                withBorder
                padding="lg"
                component={Link}
                to={`/catalog/aws/${type}`}
                className={tile.tile}
              >
                <Text fw={600} size="lg" mb={4}>
                  {definition.label}
                </Text>
                <Text size="sm" c="dimmed" mb="sm">
                  {definition.description}
                </Text>
                <Text size="xs" fw={600} tt="uppercase" c="dimmed">
                  Prerequisites
                </Text>
                <List size="sm" spacing={2}>
                  {definition.prerequisites.map((prerequisite) => (
                    <List.Item key={prerequisite}>{prerequisite}</List.Item>
                  ))}
                </List>
              </Card>
            );
          })}
        </SimpleGrid>
      </section>
    </Stack>
  );
}
