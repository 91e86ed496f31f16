import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Configuration } from "oidc-provider";

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
  close(): Promise<void>;
};

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

  const configuration: Configuration = {
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
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
