import { Card, SimpleGrid, Stack, Text, Title } from "@mantine/core";

export function CatalogPage() {
  return (
    <Stack>
      <Title order={2}>Catalog</Title>
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
        <Card withBorder padding="lg" component="a" href="/catalog/aws">
          <Text fw={600}>AWS</Text>
          <Text size="sm" c="dimmed">
            Amazon Account or Amazon Organization
          </Text>
        </Card>
      </SimpleGrid>
    </Stack>
  );
}
