import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { CATALOG_GROUPS } from "@portcullis/shared";
import { Link } from "react-router";
import { usePageTitle } from "../../../lib/use-page-title.ts";
import { AwsLogo } from "../components/aws-logo.tsx";
import tile from "../components/tile.module.css";

export function CatalogPage() {
  usePageTitle("Catalog");
  return (
    <Stack>
      <div>
        <Title order={2}>Catalog</Title>
        <Text c="dimmed" size="sm">
          Pick what to connect. Portcullis discovers its resources so you can manage access to them.
        </Text>
      </div>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3, lg: 4 }}>
        {CATALOG_GROUPS.map((group) => (
          <Card
            key={group.id}
            withBorder
            padding="lg"
            component={Link}
            to={`/catalog/${group.id}`}
            className={tile.tile}
          >
            <Group justify="space-between" mb="xs">
              <Group gap="sm">
                <AwsLogo />
                <Text fw={600} size="lg">
                  {group.label}
                </Text>
              </Group>
              <Badge variant="light">{group.category}</Badge>
            </Group>
            <Text size="sm" c="dimmed">
              {group.description}
            </Text>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
