import { OIDC_SIGN_IN_ERRORS } from "@portcullis/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../../test/app.ts";
import { type Callers, call, setUpCallers, tokenCaller } from "../../../../test/fixtures.ts";
import {
  startTestOidcProvider,
  type TestOidcAccount,
  type TestOidcProvider,
} from "../../../../test/oidc-test-provider.ts";
import { SESSION_COOKIE } from "../session-cookie.ts";
import { OIDC_FLOW_COOKIE } from "./oidc-flow-cookie.ts";

const PUBLIC_URL = "http://portcullis.test";
const REDIRECT_URI = `${PUBLIC_URL}/api/auth/oidc/callback`;

let t: TestApp;
let callers: Callers;
let idp: TestOidcProvider;
let sourceId: string;

beforeAll(async () => {
  [t, idp] = await Promise.all([
    createTestApp({ PUBLIC_URL, SECRETS_KEY: "a secrets key for the oidc tests only" }),
    startTestOidcProvider({ redirectUris: [REDIRECT_URI] }),
  ]);
  callers = await setUpCallers(t.database.db);
  const source = await t.database.db.identitySource.create({ data: { name: "Okta", type: "built_in" } });
  sourceId = source.id;
});
afterAll(async () => {
  await idp?.close();
  await t?.close();
});

function settingsBody(overrides: Record<string, unknown> = {}) {
  return {
    issuer: idp.issuer,
    client_id: idp.clientId,
    client_secret: idp.clientSecret,
    display_name: "Okta",
    admin_group: "portcullis-admins",
    source_id: sourceId,
    ...overrides,
  };
}

function putSettings(body: unknown) {
  return call(t.app, callers.adminToken, { method: "PUT", url: "/api/admin/v1/oidc", payload: body });
}

let people = 0;
async function addPerson(overrides: { active?: boolean; deleted?: boolean } = {}) {
  const n = ++people;
  const email = `person${n}@example.com`;
  const person = await t.database.db.identityPerson.create({
    data: {
      sourceId,
      userName: email,
      userNameKey: overrides.deleted ? null : email,
      email,
      active: overrides.active ?? true,
      deletedAt: overrides.deleted ? new Date() : null,
    },
  });
  return { person, account: { sub: `sub-${n}`, email } satisfies TestOidcAccount };
}

function cookieValue(setCookie: string | string[] | undefined, name: string): string | undefined {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  for (const line of all) {
    const match = new RegExp(`^${name}=([^;]*)`).exec(line);
    if (match) return match[1];
  }
  return undefined;
}

/** Follows the IdP's redirects (as a browser would, with its cookies) until it sends us back. */
async function throughIdp(authorizeUrl: string): Promise<URL> {
  const jar = new Map<string, string>();
  let url = authorizeUrl;
  for (let hop = 0; hop < 10; hop++) {
    const response = await fetch(url, {
      redirect: "manual",
      headers: { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join("; ") },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...value] = pair!.split("=");
      jar.set(name!, value.join("="));
    }
    const location = response.headers.get("location");
    if (!location)
      throw new Error(`The IdP answered ${response.status} without a redirect: ${await response.text()}`);
    const target = new URL(location, url);
    if (target.href.startsWith(REDIRECT_URI)) return target;
    url = target.href;
  }
  throw new Error("Too many redirects at the IdP");
}

type Started = { flowCookie: string; callback: URL };

async function startSignIn(account: TestOidcAccount | null, next?: string): Promise<Started> {
  const start = await t.app.inject({
    method: "GET",
    url: `/api/auth/oidc/start${next === undefined ? "" : `?next=${encodeURIComponent(next)}`}`,
  });
  expect(start.statusCode).toBe(302);
  const flowCookie = cookieValue(start.headers["set-cookie"], OIDC_FLOW_COOKIE);
  expect(flowCookie).toBeTruthy();
  const authorize = new URL(String(start.headers.location));
  expect(authorize.origin).toBe(idp.issuer);
  expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
  expect(authorize.searchParams.get("state")).toBeTruthy();
  expect(authorize.searchParams.get("nonce")).toBeTruthy();
  if (account) idp.signInAs(account);
  else idp.denyNext();
  return { flowCookie: flowCookie!, callback: await throughIdp(authorize.href) };
}

function finish(started: Started, callback = started.callback) {
  return t.app.inject({
    method: "GET",
    url: `${callback.pathname}${callback.search}`,
    cookies: { [OIDC_FLOW_COOKIE]: started.flowCookie },
  });
}

async function signIn(account: TestOidcAccount, next?: string) {
  return finish(await startSignIn(account, next));
}

function sessionOf(response: { headers: Record<string, unknown> }) {
  return cookieValue(response.headers["set-cookie"] as string[], SESSION_COOKIE);
}

function me(session: string) {
  return t.app.inject({ method: "GET", url: "/api/auth/me", cookies: { [SESSION_COOKIE]: session } });
}

describe("OIDC settings (/api/admin/v1/oidc)", () => {
  it("answers 404 before any provider is set, and the sign-in page offers no button", async () => {
    const response = await call(t.app, callers.adminToken, { method: "GET", url: "/api/admin/v1/oidc" });
    expect(response.statusCode).toBe(404);
    const option = await t.app.inject({ method: "GET", url: "/api/auth/oidc" });
    expect(option.json()).toEqual({ enabled: false, display_name: null });
    const start = await t.app.inject({ method: "GET", url: "/api/auth/oidc/start" });
    expect(start.headers.location).toBe("/sign-in?oidc_error=not_configured");
  });

  it("refuses an issuer whose discovery document cannot be read, names another issuer, or with a field missing", async () => {
    const unreachable = await putSettings(settingsBody({ issuer: "http://127.0.0.1:1" }));
    expect(unreachable.statusCode).toBe(400);
    expect(unreachable.json()).toMatchObject({
      code: "OIDC_DISCOVERY_FAILED",
      issues: [{ path: "issuer", message: expect.stringContaining("cannot be read") }],
    });

    const other = await putSettings(settingsBody({ issuer: idp.issuer.replace("127.0.0.1", "localhost") }));
    expect(other.statusCode).toBe(400);
    expect(other.json().issues[0]).toMatchObject({
      path: "issuer",
      message: expect.stringContaining("names another issuer"),
    });

    const notHttps = await putSettings(settingsBody({ issuer: "http://idp.example.com" }));
    expect(notHttps.json().issues[0].message).toContain("https://");

    const noSecret = await putSettings(settingsBody({ client_secret: undefined }));
    expect(noSecret.statusCode).toBe(400);
    expect(noSecret.json().issues).toEqual([{ path: "client_secret", message: "Enter the client secret." }]);

    const badSource = await putSettings(settingsBody({ source_id: crypto.randomUUID() }));
    expect(badSource.json().issues[0].path).toBe("source_id");
    expect(await t.database.db.oidcSettings.count()).toBe(0);
  });

  it("saves a checked provider, keeps the secret encrypted and never returns it; users may not read it", async () => {
    const saved = await putSettings(settingsBody());
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toEqual({
      issuer: idp.issuer,
      client_id: idp.clientId,
      client_secret_set: true,
      display_name: "Okta",
      admin_group: "portcullis-admins",
      source_id: sourceId,
      redirect_uri: REDIRECT_URI,
      updated_at: expect.any(String),
    });
    expect(saved.body).not.toContain(idp.clientSecret);
    const row = await t.database.db.oidcSettings.findFirstOrThrow();
    expect(row.clientSecretEncrypted).not.toContain(idp.clientSecret);

    // Without client_secret the stored one is kept (and still works: discovery passes).
    const kept = await putSettings(settingsBody({ client_secret: undefined, display_name: "Okta SSO" }));
    expect(kept.statusCode).toBe(200);
    await putSettings(settingsBody());

    const asUser = await call(t.app, callers.userToken, { method: "GET", url: "/api/admin/v1/oidc" });
    expect(asUser.statusCode).toBe(403);
    const option = await t.app.inject({ method: "GET", url: "/api/auth/oidc" });
    expect(option.json()).toEqual({ enabled: true, display_name: "Okta" });
  });
});

describe("OIDC sign-in", () => {
  beforeAll(async () => {
    const response = await putSettings(settingsBody());
    expect(response.statusCode).toBe(200);
  });

  it("gives a person of the directory a user account linked to them on first sign-in, then signs the same account in", async () => {
    const { person, account } = await addPerson();
    const first = await signIn(account, "/portal?tab=mine");
    expect(first.statusCode).toBe(302);
    expect(first.headers.location).toBe("/portal?tab=mine");
    const session = sessionOf(first);
    expect(session).toBeTruthy();
    const setCookie = String(first.headers["set-cookie"]);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toMatch(new RegExp(`${OIDC_FLOW_COOKIE}=;`));

    const who = await me(session!);
    expect(who.statusCode).toBe(200);
    expect(who.json()).toMatchObject({ email: account.email, role: "user", auth_method: "session" });
    const user = await t.database.db.appUser.findUniqueOrThrow({ where: { email: account.email } });
    expect(user).toMatchObject({ personId: person.id, passwordHash: null, role: "user" });

    const second = await signIn(account);
    expect(second.headers.location).toBe("/");
    expect((await me(sessionOf(second)!)).json().id).toBe(user.id);
    expect(await t.database.db.appUser.count({ where: { email: account.email } })).toBe(1);
  });

  it("refuses a callback whose state is not the one this browser started with", async () => {
    const { account } = await addPerson();
    const started = await startSignIn(account);
    const forged = new URL(started.callback);
    forged.searchParams.set("state", "not-the-state");
    const response = await finish(started, forged);
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe("/sign-in?oidc_error=state_mismatch");
    expect(sessionOf(response)).toBeFalsy();

    // Without the flow cookie (another browser, or it expired) the callback is refused too.
    const noCookie = await t.app.inject({
      method: "GET",
      url: `${started.callback.pathname}${started.callback.search}`,
    });
    expect(noCookie.headers.location).toBe("/sign-in?oidc_error=state_mismatch");
  });

  it("refuses a code used before (replayed)", async () => {
    const { account } = await addPerson();
    const started = await startSignIn(account);
    const first = await finish(started);
    expect(sessionOf(first)).toBeTruthy();
    const replay = await finish(started);
    expect(replay.headers.location).toBe("/sign-in?oidc_error=code_rejected");
    expect(sessionOf(replay)).toBeFalsy();
  });

  it("refuses an expired code: a clear reason, no session, no account", async () => {
    const { person, account } = await addPerson();
    const started = await startSignIn(account);
    const code = started.callback.searchParams.get("code");
    expect(code).toBeTruthy();
    idp.expireCode(code!);
    const response = await finish(started);
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe("/sign-in?oidc_error=code_rejected");
    expect(sessionOf(response)).toBeFalsy();
    expect(await t.database.db.appUser.count({ where: { personId: person.id } })).toBe(0);
    expect(OIDC_SIGN_IN_ERRORS.code_rejected).toMatch(/expired/);
    // The same person's next sign-in, with a fresh code, works.
    expect(sessionOf(await signIn(account))).toBeTruthy();
  });

  it("explains an IdP error, an unknown person and an unverified email", async () => {
    await addPerson();
    const denied = await finish(await startSignIn(null));
    expect(denied.headers.location).toBe("/sign-in?oidc_error=idp_error");

    const stranger = await signIn({ sub: "stranger", email: "nobody@example.com" });
    expect(stranger.headers.location).toBe("/sign-in?oidc_error=unknown_person");

    const { account } = await addPerson();
    const unverified = await signIn({ ...account, emailVerified: false });
    expect(unverified.headers.location).toBe("/sign-in?oidc_error=email_unverified");
    expect(await t.database.db.appUser.count({ where: { email: account.email } })).toBe(0);
  });

  it("refuses a deactivated or deleted person, and ends the sessions and tokens of a person deactivated later", async () => {
    const inactive = await addPerson({ active: false });
    expect((await signIn(inactive.account)).headers.location).toBe("/sign-in?oidc_error=deactivated");
    const deleted = await addPerson({ deleted: true });
    expect((await signIn(deleted.account)).headers.location).toBe("/sign-in?oidc_error=deactivated");

    const { person, account } = await addPerson();
    const session = sessionOf(await signIn(account))!;
    expect((await me(session)).statusCode).toBe(200);
    const user = await t.database.db.appUser.findUniqueOrThrow({ where: { email: account.email } });
    const token = await tokenCaller(t.database.db, user.id);
    expect((await call(t.app, token, { method: "GET", url: "/api/auth/me" })).statusCode).toBe(200);

    await t.database.db.identityPerson.update({ where: { id: person.id }, data: { active: false } });
    expect((await me(session)).statusCode).toBe(401);
    expect((await call(t.app, token, { method: "GET", url: "/api/auth/me" })).statusCode).toBe(401);
    expect((await signIn(account)).headers.location).toBe("/sign-in?oidc_error=deactivated");

    await t.database.db.identityPerson.update({ where: { id: person.id }, data: { active: true } });
    expect((await me(session)).statusCode).toBe(200);
  });

  it("makes members of the admin group admins, and the others users", async () => {
    const { account } = await addPerson();
    const asAdmin = await signIn({ ...account, groups: ["engineering", "portcullis-admins"] });
    expect((await me(sessionOf(asAdmin)!)).json().role).toBe("admin");
    const asUser = await signIn({ ...account, groups: ["engineering"] });
    expect((await me(sessionOf(asUser)!)).json().role).toBe("user");
  });

  it("lands on this site only, whatever `next` says", async () => {
    const { account } = await addPerson();
    const response = await signIn(account, "https://evil.example/steal");
    expect(response.headers.location).toBe("/");
    const sneaky = await signIn(account, "//evil.example/x");
    expect(sneaky.headers.location).toBe("/");
  });
});
