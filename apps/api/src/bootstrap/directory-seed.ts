import { BUILTIN_PROVIDER } from "../core/builtin-provider.ts";
import type { Db } from "../db/prisma.ts";
import { TRANSACTION_OPTIONS } from "../db/transaction-sql.ts";

/** Demo people of the built-in directory. The AWS demo scenario tags resources with these emails. */
export const DEMO_USERS = [
  { email: "alice@portcullis.dev", name: "Alice Martin" },
  { email: "bob@portcullis.dev", name: "Bob Nguyen" },
  { email: "carol@portcullis.dev", name: "Carol Schmidt" },
  { email: "dave@portcullis.dev", name: "Dave Okafor" },
  { email: "erin@portcullis.dev", name: "Erin Kowalski" },
  { email: "frank@portcullis.dev", name: "Frank Rossi" },
  { email: "grace@portcullis.dev", name: "Grace Lindqvist" },
  { email: "heidi@portcullis.dev", name: "Heidi Tanaka" },
  { email: "ivan@portcullis.dev", name: "Ivan Petrov" },
  { email: "judy@portcullis.dev", name: "Judy Alvarez" },
  { email: "mallory@portcullis.dev", name: "Mallory Chen" },
  { email: "oscar@portcullis.dev", name: "Oscar Dubois" },
] as const;

/** Demo groups and their members (by the local part of the email). */
export const DEMO_GROUPS = {
  Platform: ["alice", "bob", "frank", "ivan"],
  Security: ["carol", "grace", "mallory"],
  Data: ["dave", "heidi", "judy"],
  Developers: ["alice", "bob", "dave", "erin", "frank", "oscar"],
  "On-call": ["bob", "carol", "erin"],
} as const satisfies Record<string, readonly string[]>;

/**
 * Seeds the built-in identity provider with demo users and groups. Idempotent: existing rows
 * are left alone, so it can run on every start and from several processes at once.
 */
export async function ensureDirectorySeed(db: Db): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.identityProvider.createMany({ data: [BUILTIN_PROVIDER], skipDuplicates: true });
    await tx.directoryUser.createMany({
      data: DEMO_USERS.map((user) => ({ ...user, providerId: BUILTIN_PROVIDER.id })),
      skipDuplicates: true,
    });
    await tx.directoryGroup.createMany({
      data: Object.keys(DEMO_GROUPS).map((name) => ({ name, providerId: BUILTIN_PROVIDER.id })),
      skipDuplicates: true,
    });
    const users = await tx.directoryUser.findMany({ where: { providerId: BUILTIN_PROVIDER.id } });
    const groups = await tx.directoryGroup.findMany({ where: { providerId: BUILTIN_PROVIDER.id } });
    const userId = new Map(users.map((user) => [user.email.split("@")[0], user.id]));
    const memberships = groups.flatMap((group) =>
      (DEMO_GROUPS[group.name as keyof typeof DEMO_GROUPS] ?? []).flatMap((member) => {
        const id = userId.get(member);
        return id ? [{ userId: id, groupId: group.id }] : [];
      }),
    );
    await tx.directoryMembership.createMany({ data: memberships, skipDuplicates: true });
  }, TRANSACTION_OPTIONS);
}
