import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Adapter, type AdapterPayload, type Configuration } from "oidc-provider";

/** A person the test IdP can sign in. */
export type TestOidcAccount = { sub: string; email: string; emailVerified?: boolean; groups?: string[] };

export type TestOidcProvider = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Who the next sign-in at the IdP is (instead of a login form). */
  signInAs(account: TestOidcAccount): void;
  /** Makes the next authorization answer `error=access_denied`, as when a person cancels at the IdP. */
  denyNext(): void;
  /**
   * Makes an authorization code already handed out expired, as if its lifetime (60 s) had passed:
   * its stored expiry moves into the past, so the token endpoint refuses it (no waiting in tests).
   */
  expireCode(code: string): void;
  close(): Promise<void>;
};

/**
 * The provider's storage, in memory, kept here (rather than its built-in LRU) so a test can reach
 * a stored authorization code and expire it. One map for every model, keyed by model and id.
 */
function memoryStorage() {
  const rows = new Map<string, AdapterPayload>();
  const key = (model: string, id: string) => `${model}:${id}`;
  class MemoryAdapter implements Adapter {
    constructor(private readonly model: string) {}
    async upsert(id: string, payload: AdapterPayload) {
      rows.set(key(this.model, id), { ...payload });
    }
    async find(id: string) {
      return rows.get(key(this.model, id));
    }
    async findByUserCode(userCode: string) {
      return [...rows.values()].find((row) => row.userCode === userCode);
    }
    async findByUid(uid: string) {
      return [...rows.values()].find((row) => row.uid === uid);
    }
    async consume(id: string) {
      const row = rows.get(key(this.model, id));
      if (row) row.consumed = Math.floor(Date.now() / 1000);
    }
    async destroy(id: string) {
      rows.delete(key(this.model, id));
    }
    async revokeByGrantId(grantId: string) {
      for (const [id, row] of rows) if (row.grantId === grantId) rows.delete(id);
    }
  }
  return {
    MemoryAdapter,
    expire(model: string, id: string) {
      const row = rows.get(key(model, id));
      if (!row) throw new Error(`The test IdP holds no ${model} "${id}"`);
      row.exp = Math.floor(Date.now() / 1000) - 1;
    },
  };
}

/**
 * panva's oidc-provider on a free loopback port: one confidential client with PKCE (S256)
 * required, and a minimal interaction that signs in the account chosen by `signInAs` and grants
 * the scopes asked for, so tests drive the real protocol (redirects, code, tokens, ID token
 * signature, nonce) without a login form.
 */
export async function startTestOidcProvider(options: { redirectUris: string[] }): Promise<TestOidcProvider> {
  const clientId = "portcullis-test";
  const clientSecret = `secret-${crypto.randomUUID()}`;
  let next: TestOidcAccount | undefined;
  let deny = false;
  const accounts = new Map<string, TestOidcAccount>();

  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const storage = memoryStorage();
  const configuration: Configuration = {
    adapter: storage.MemoryAdapter,
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    pkce: { required: () => true },
    // Email and groups in the ID token itself (the app reads the ID token, not userinfo).
    conformIdTokenClaims: false,
    claims: {
      openid: ["sub", "groups"],
      email: ["email", "email_verified"],
      profile: ["name"],
    },
    features: { devInteractions: { enabled: false } },
    cookies: { keys: ["oidc-test-provider-cookie-key"] },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, sub) {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        async claims() {
          return {
            sub,
            email: account.email,
            email_verified: account.emailVerified ?? true,
            groups: account.groups ?? [],
          };
        },
      };
    },
    async loadExistingGrant(ctx) {
      const accountId = ctx.oidc.session?.accountId;
      const client = ctx.oidc.client;
      if (!accountId || !client) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
  };
  const provider = new Provider(issuer, configuration);
  const callback = provider.callback();

  server.on("request", async (req, res) => {
    if (!req.url?.startsWith("/interaction/")) return callback(req, res);
    try {
      await provider.interactionDetails(req, res);
      const account = next;
      next = undefined;
      if (deny || !account) {
        deny = false;
        await provider.interactionFinished(req, res, {
          error: "access_denied",
          error_description: "The person cancelled the sign-in.",
        });
        return;
      }
      accounts.set(account.sub, account);
      await provider.interactionFinished(req, res, { login: { accountId: account.sub } });
    } catch (error) {
      res.statusCode = 500;
      res.end(String(error));
    }
  });

  return {
    issuer,
    clientId,
    clientSecret,
    signInAs(account) {
      next = account;
    },
    denyNext() {
      deny = true;
    },
    expireCode(code) {
      storage.expire("AuthorizationCode", code);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
