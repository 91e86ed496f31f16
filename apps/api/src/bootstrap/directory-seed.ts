import { DEMO_SOURCE } from "../core/directory-sources.ts";
import type { Db } from "../db/prisma.ts";
import { TRANSACTION_OPTIONS } from "../db/transaction-sql.ts";

/** Demo people of the demo directory. The AWS demo scenario tags resources with these emails. */
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

function demoPerson(user: (typeof DEMO_USERS)[number]) {
  const [givenName, familyName] = user.name.split(" ");
  return {
    sourceId: DEMO_SOURCE.id,
    userName: user.email,
    userNameKey: user.email,
    email: user.email,
    emails: [{ value: user.email, type: "work", primary: true }],
    displayName: user.name,
    givenName: givenName ?? null,
    familyName: familyName ?? null,
  };
}

/**
 * Creates the "Demo directory" source with its demo people and groups, for the AWS sandbox demo
 * only. Idempotent: existing rows (and what an admin changed in them) are left alone, so it can
 * run on every start and from several processes at once.
 */
export async function ensureDirectorySeed(db: Db): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.identitySource.createMany({
      data: [{ ...DEMO_SOURCE, status: "active" }],
      skipDuplicates: true,
    });
    await tx.identityPerson.createMany({ data: DEMO_USERS.map(demoPerson), skipDuplicates: true });
    await tx.identityGroup.createMany({
      data: Object.keys(DEMO_GROUPS).map((name) => ({
        sourceId: DEMO_SOURCE.id,
        displayName: name,
        displayNameKey: name.toLowerCase(),
      })),
      skipDuplicates: true,
    });
    const people = await tx.identityPerson.findMany({
      where: { sourceId: DEMO_SOURCE.id, deletedAt: null },
      select: { id: true, email: true },
    });
    const groups = await tx.identityGroup.findMany({ where: { sourceId: DEMO_SOURCE.id } });
    const personId = new Map(people.map((person) => [person.email?.split("@")[0], person.id]));
    const members = groups.flatMap((group) =>
      (DEMO_GROUPS[group.displayName as keyof typeof DEMO_GROUPS] ?? []).flatMap((member) => {
        const id = personId.get(member);
        return id ? [{ personId: id, groupId: group.id }] : [];
      }),
    );
    await tx.identityGroupMember.createMany({ data: members, skipDuplicates: true });
  }, TRANSACTION_OPTIONS);
}

/**
 * Without the sandbox demo there are no demo people: a start with real AWS credentials (or
 * SANDBOX=0) removes the demo source a demo start (or the old directory's migration) left.
 */
export async function removeDemoDirectory(db: Db): Promise<void> {
  await db.identitySource.deleteMany({ where: { id: DEMO_SOURCE.id, type: "demo" } });
}
