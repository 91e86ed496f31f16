import {
  type APIRequestContext,
  type APIResponse,
  expect,
  request as playwrightRequest,
} from "@playwright/test";
// Types only (erased at run time): the e2e project has no dependency on the workspace packages.
import type {
  TCreateAwsAccountIntegrationInput,
  TCreateAwsOrganizationIntegrationInput,
  TCreateIntegrationInput,
  TIntegrationV4,
} from "../../packages/shared/src/index.ts";
import { type Account, uniqueName } from "./accounts.ts";

// Seeding through the real API, as the browser would: a session cookie plus the CSRF token.

export class ApiSession {
  private constructor(
    readonly context: APIRequestContext,
    private readonly csrf: string,
  ) {}

  /** Signs in on `context` (its cookie jar keeps the session). */
  static async signIn(context: APIRequestContext, account: Account): Promise<ApiSession> {
    const response = await context.post("/api/auth/login", { data: account });
    expect(response.status(), await response.text()).toBe(200);
    const body = (await response.json()) as { csrf_token: string };
    return new ApiSession(context, body.csrf_token);
  }

  /** A session of its own, independent of any page. */
  static async create(baseURL: string, account: Account): Promise<ApiSession> {
    const context = await playwrightRequest.newContext({ baseURL });
    return ApiSession.signIn(context, account);
  }

  private headers() {
    return { "x-csrf-token": this.csrf };
  }

  async get<T>(path: string): Promise<T> {
    return json<T>(await this.context.get(path));
  }

  async post<T>(path: string, data?: unknown): Promise<T> {
    return json<T>(await this.context.post(path, { data, headers: this.headers() }));
  }

  async put<T>(path: string, data: unknown): Promise<T> {
    return json<T>(await this.context.put(path, { data, headers: this.headers() }));
  }

  async patch<T>(path: string, data: unknown): Promise<T> {
    return json<T>(await this.context.patch(path, { data, headers: this.headers() }));
  }

  async delete(path: string): Promise<void> {
    const response = await this.context.delete(path, { headers: this.headers() });
    expect(response.status(), await response.text()).toBeLessThan(300);
  }

  raw(): APIRequestContext {
    return this.context;
  }

  async dispose(): Promise<void> {
    await this.context.dispose();
  }
}

async function json<T>(response: APIResponse): Promise<T> {
  const text = await response.text();
  expect(response.ok(), `${response.url()} answered ${response.status()}: ${text}`).toBe(true);
  return (text ? JSON.parse(text) : null) as T;
}

export type OrganizationIntegrationBody = TCreateAwsOrganizationIntegrationInput;

/** An integration as the API returns it (GET /api/admin/v4/integrations/{id}). */
export type Integration = TIntegrationV4;

/** The connector the demo AWS sandbox registers on start (see apps/api/src/discovery/demo). */
export const SANDBOX_CONNECTOR_ID = "aws-sandbox";
/** Roles of the demo scenario (packages/aws-sandbox/scenarios/demo.json). */
export const SANDBOX = {
  connectorRoleArn: "arn:aws:iam::111111111111:role/PortcullisConnectorRole",
  managementRoleArn: "arn:aws:iam::111111111111:role/PortcullisManagementRole",
  accountId: "111111111111",
};

export async function createUser(admin: ApiSession, role: "admin" | "user"): Promise<Account> {
  const account = { email: `${uniqueName(role)}@e2e.test`.toLowerCase(), password: "e2e-user-password-123" };
  await admin.post("/api/admin/users", { ...account, role });
  return account;
}

export function accountIntegrationBody(
  overrides: Partial<TCreateAwsAccountIntegrationInput> = {},
): TCreateAwsAccountIntegrationInput {
  return {
    type: "aws-account",
    name: uniqueName("acct"),
    connector_id: SANDBOX_CONNECTOR_ID,
    connected_resource_types: ["aws-account-iam-role", "aws-account-s3-bucket"],
    integration_config: { region: "us-east-1" },
    ...overrides,
  };
}

export async function createIntegration(
  admin: ApiSession,
  body: TCreateIntegrationInput,
): Promise<Integration> {
  return admin.post<Integration>("/api/admin/v4/integrations", body);
}

/** Polls the integration until its status is one of `statuses` (a condition, never a sleep). */
export async function waitForStatus(
  admin: ApiSession,
  id: string,
  statuses: readonly string[],
  timeout = 45_000,
): Promise<Integration> {
  let latest: Integration | undefined;
  await expect
    .poll(
      async () => {
        latest = await admin.get<Integration>(`/api/admin/v4/integrations/${id}`);
        return latest.status;
      },
      { timeout, intervals: [250, 500, 1000] },
    )
    .toMatch(new RegExp(`^(${statuses.join("|")})$`));
  return latest!;
}
