import type { Prisma } from "../generated/prisma/client.ts";

type Tx = Prisma.TransactionClient;

const SUFFIX = " (IAM Identity Center)";

/**
 * The name an organization integration's IAM Identity Center source should have: the
 * integration's, unless another source already has it (source names are unique), then with
 * " (IAM Identity Center)", then with the integration's id too.
 */
export async function identityCenterSourceName(
  tx: Tx,
  integration: { id: string; name: string },
  sourceId: string | null,
): Promise<string> {
  for (const name of [integration.name, `${integration.name}${SUFFIX}`]) {
    const taken = await tx.identitySource.findFirst({
      where: { name, ...(sourceId ? { id: { not: sourceId } } : {}) },
      select: { id: true },
    });
    if (!taken) return name;
  }
  return `${integration.name} (IAM Identity Center ${integration.id.slice(0, 8)})`;
}

/**
 * Renames the integration's IAM Identity Center source (if it has one) after the integration;
 * true when the name changed. Called when the integration is renamed and on every fetch.
 */
export async function renameIdentityCenterSource(
  tx: Tx,
  integration: { id: string; name: string },
): Promise<boolean> {
  const source = await tx.identitySource.findUnique({
    where: { integrationId: integration.id },
    select: { id: true, name: true },
  });
  if (!source || source.name === integration.name) return false;
  const name = await identityCenterSourceName(tx, integration, source.id);
  if (name === source.name) return false;
  await tx.identitySource.update({ where: { id: source.id }, data: { name, updatedAt: new Date() } });
  return true;
}
