import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import type { CloudTrailClient } from "@aws-sdk/client-cloudtrail";
import type { EC2Client } from "@aws-sdk/client-ec2";
import type { IAMClient } from "@aws-sdk/client-iam";
import type { IdentitystoreClient } from "@aws-sdk/client-identitystore";
import type { OrganizationsClient } from "@aws-sdk/client-organizations";
import type { RDSClient } from "@aws-sdk/client-rds";
import type { S3Client } from "@aws-sdk/client-s3";
import type { SSOAdminClient } from "@aws-sdk/client-sso-admin";
import type { STSClient } from "@aws-sdk/client-sts";
import type { DiscoveryConfig, LimitedService } from "../discovery-config.ts";
import { isThrottlingError } from "./aws-errors.ts";
import { LimiterRegistry, RateLimiter } from "./rate-limiter.ts";
import { sdk } from "./sdk.ts";

// The SDK warns once per process that it will soon require Node 22; Portcullis runs on 20 by choice.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

export type AwsCredentials = {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
};
export type CredentialsProvider = () => Promise<AwsCredentials>;

/**
 * Who calls AWS. `key` identifies the credentials (clients are cached by it); `root` is the
 * connector every chain starts from (STS calls are limited per connector); `accountId` is
 * the account the credentials act in, when known (IAM, S3, EC2… are limited per account).
 */
export type AwsIdentity = {
  key: string;
  root: string;
  accountId?: string;
  /** The role assumed, for messages ("let <arn> assume it"). */
  roleArn?: string;
  /** Undefined: the SDK's default chain (environment, profiles, container or instance role). */
  credentials?: CredentialsProvider;
};

/** What the middleware reads from the SDK's context: the operation and the caller's abort signal. */
type LimiterContext = { commandName?: string; __smithy_context?: { abortSignal?: AbortSignal } };

type Middleware = (
  next: (args: unknown) => Promise<unknown>,
  context: LimiterContext,
) => (args: unknown) => Promise<unknown>;
/** The one part of a client's middleware stack used here (the full union type is too large for tsc). */
type WithMiddleware = {
  middlewareStack: {
    addRelativeTo(
      middleware: Middleware,
      options: { name: string; relation: "before" | "after"; toMiddleware: string },
    ): void;
  };
};

type Clients = {
  sts: STSClient;
  iam: IAMClient;
  s3: S3Client;
  ec2: EC2Client;
  rds: RDSClient;
  organizations: OrganizationsClient;
  "sso-admin": SSOAdminClient;
  identitystore: IdentitystoreClient;
  cloudtrail: CloudTrailClient;
};

export type AwsService = keyof Clients;
type ClientOf<S extends AwsService> = Clients[S];
type ClientClass<S extends AwsService> = new (config: object) => ClientOf<S>;

/** The client class of each service, from its SDK package (loaded on first use, see sdk.ts). */
const CLIENT_CLASSES: { [S in AwsService]: () => Promise<ClientClass<S>> } = {
  sts: async () => (await sdk.sts()).STSClient,
  iam: async () => (await sdk.iam()).IAMClient,
  s3: async () => (await sdk.s3()).S3Client,
  ec2: async () => (await sdk.ec2()).EC2Client,
  rds: async () => (await sdk.rds()).RDSClient,
  organizations: async () => (await sdk.organizations()).OrganizationsClient,
  "sso-admin": async () => (await sdk["sso-admin"]()).SSOAdminClient,
  identitystore: async () => (await sdk.identitystore()).IdentitystoreClient,
  cloudtrail: async () => (await sdk.cloudtrail()).CloudTrailClient,
};

const LIMITER_OF: Record<AwsService, LimitedService> = {
  sts: "sts",
  iam: "iam",
  s3: "s3",
  ec2: "ec2",
  rds: "rds",
  organizations: "organizations",
  "sso-admin": "sso",
  identitystore: "identitystore",
  cloudtrail: "cloudtrail",
};

const ENDPOINT_VARIABLE: Record<AwsService, string> = {
  sts: "STS",
  iam: "IAM",
  s3: "S3",
  ec2: "EC2",
  rds: "RDS",
  organizations: "ORGANIZATIONS",
  "sso-admin": "SSO_ADMIN",
  identitystore: "IDENTITYSTORE",
  cloudtrail: "CLOUDTRAIL",
};

/** True when AWS_ENDPOINT_URL (or the service's own variable) points the SDK somewhere else. */
export function endpointConfigured(service: AwsService, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS === "true") return false;
  return Boolean(env[`AWS_ENDPOINT_URL_${ENDPOINT_VARIABLE[service]}`] || env.AWS_ENDPOINT_URL);
}

/** Which limiter a call counts against. */
export function limiterKey(service: AwsService, identity: AwsIdentity, region: string): string {
  const account = identity.accountId ?? identity.key;
  switch (LIMITER_OF[service]) {
    case "organizations":
      return `organizations:${account}`;
    case "sts":
      return `sts:${identity.root}`;
    case "iam":
    case "s3":
      return `${LIMITER_OF[service]}:${account}`;
    default:
      return `${LIMITER_OF[service]}:${account}:${region}`;
  }
}

/** Clients kept for reuse. A member account's clients are used by its one scope, then idle. */
const DEFAULT_MAX_CLIENTS = 256;

/**
 * The process's AWS clients: one per (service, credentials, region), created on first use,
 * all sharing two keep-alive agents. Every call goes through the client-side rate limiter of
 * its quota, once per attempt (retries included), before it is signed. The limiters outlive
 * the clients (they hold the quota's state); the clients are kept in a small LRU, as an
 * organization of thousands of accounts would otherwise keep thousands of idle clients.
 *
 * Endpoints are left to the SDK, so AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE> work as
 * they do for the AWS CLI (LocalStack, moto, the Portcullis sandbox).
 */
export class AwsClients {
  private readonly clients = new Map<string, unknown>();
  private readonly limiters = new LimiterRegistry();
  private readonly httpAgent: HttpAgent;
  private readonly httpsAgent: HttpsAgent;

  constructor(
    readonly config: DiscoveryConfig,
    private readonly options: { baseCredentials?: CredentialsProvider; maxClients?: number } = {},
  ) {
    const agentOptions = { keepAlive: true, maxSockets: config.maxSockets, maxFreeSockets: 64 };
    this.httpAgent = new HttpAgent(agentOptions);
    this.httpsAgent = new HttpsAgent(agentOptions);
  }

  /** The connector's starting point: the default credentials chain, unless tests override it. */
  baseIdentity(root: string): AwsIdentity {
    return { key: `base:${root}`, root, credentials: this.options.baseCredentials };
  }

  async get<S extends AwsService>(service: S, identity: AwsIdentity, region: string): Promise<ClientOf<S>> {
    const cacheKey = `${service}|${identity.key}|${region}`;
    const cached = this.clients.get(cacheKey);
    if (cached) {
      // Most recently used last, so the oldest key is the least recently used.
      this.clients.delete(cacheKey);
      this.clients.set(cacheKey, cached);
      return cached as ClientOf<S>;
    }
    const Client = await CLIENT_CLASSES[service]();
    // Another call may have created it while the class loaded.
    const raced = this.clients.get(cacheKey);
    if (raced) return raced as ClientOf<S>;
    const client = this.create(Client, service, identity, region);
    this.clients.set(cacheKey, client);
    const max = this.options.maxClients ?? DEFAULT_MAX_CLIENTS;
    if (this.clients.size > max) {
      // Dropped, not destroyed: destroying a client would close the shared agents. A scope
      // still using it keeps its reference; its limiter lives on in the registry.
      const oldest = this.clients.keys().next().value;
      if (oldest !== undefined) this.clients.delete(oldest);
    }
    return client;
  }

  limiterFor(service: AwsService, identity: AwsIdentity, region: string): RateLimiter {
    const kind = LIMITER_OF[service];
    return this.limiters.get(
      limiterKey(service, identity, region),
      () => new RateLimiter(this.config.limits[kind], { perOperation: kind === "organizations" }),
    );
  }

  private create<S extends AwsService>(
    Client: ClientClass<S>,
    service: S,
    identity: AwsIdentity,
    region: string,
  ): ClientOf<S> {
    const client = new Client({
      region,
      ...(identity.credentials ? { credentials: identity.credentials } : {}),
      maxAttempts: this.config.maxAttempts,
      retryMode: "standard",
      requestHandler: {
        connectionTimeout: this.config.connectTimeoutMs,
        requestTimeout: this.config.requestTimeoutMs,
        throwOnRequestTimeout: true,
        httpAgent: this.httpAgent,
        httpsAgent: this.httpsAgent,
      },
      ...(service === "s3" ? { forcePathStyle: endpointConfigured("s3"), followRegionRedirects: true } : {}),
    });
    const limiter = this.limiterFor(service, identity, region);
    (client as unknown as WithMiddleware).middlewareStack.addRelativeTo(
      (next: (args: unknown) => Promise<unknown>, context: LimiterContext) => (args: unknown) =>
        limiter.run(
          context.commandName ?? "call",
          async () => {
            try {
              return await next(args);
            } catch (error) {
              if (isThrottlingError(error)) limiter.throttled();
              throw error;
            }
          },
          context.__smithy_context?.abortSignal,
        ),
      { name: "portcullisRateLimiter", relation: "before", toMiddleware: "httpSigningMiddleware" },
    );
    return client;
  }

  /** Forgets every client (their sockets stay pooled). */
  clear(): void {
    this.clients.clear();
  }

  /** Closes the shared sockets. */
  destroy(): void {
    this.clients.clear();
    this.httpAgent.destroy();
    this.httpsAgent.destroy();
  }
}
