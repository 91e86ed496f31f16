import type { TAppRole } from "@portcullis/shared";
import type { Db } from "../../../db/prisma.ts";

const ACCOUNT_FIELDS = { id: true, email: true, role: true, personId: true } as const;

export type OidcPerson = { id: string; active: boolean; deletedAt: Date | null };

/** Directory people and app accounts, as OIDC sign-in reads and links them. */
export function oidcAccountRepository(db: Db) {
  return {
    /** People with this (lower-cased) email, in one source or all; live ones first, then oldest first. */
    async findPeopleByEmail(email: string, sourceId: string | null): Promise<OidcPerson[]> {
      const people = await db.identityPerson.findMany({
        where: { email, ...(sourceId ? { sourceId } : {}) },
        select: { id: true, active: true, deletedAt: true, createdAt: true },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        take: 50,
      });
      const live = (person: OidcPerson) => person.active && person.deletedAt === null;
      return people.sort((a, b) => Number(live(b)) - Number(live(a)));
    },
    findPerson(id: string): Promise<OidcPerson | null> {
      return db.identityPerson.findUnique({
        where: { id },
        select: { id: true, active: true, deletedAt: true },
      });
    },
    findAccountByPerson(personId: string) {
      return db.appUser.findUnique({ where: { personId }, select: ACCOUNT_FIELDS });
    },
    findAccountByEmail(email: string) {
      return db.appUser.findUnique({ where: { email }, select: ACCOUNT_FIELDS });
    },
    createAccount(data: { email: string; role: TAppRole; personId: string }) {
      return db.appUser.create({ data: { ...data, passwordHash: null }, select: ACCOUNT_FIELDS });
    },
    updateAccount(id: string, data: { role?: TAppRole; personId?: string }) {
      return db.appUser.update({ where: { id }, data, select: ACCOUNT_FIELDS });
    },
  };
}

export type OidcAccountRepository = ReturnType<typeof oidcAccountRepository>;
