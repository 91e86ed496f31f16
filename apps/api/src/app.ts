import cookie from "@fastify/cookie";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { serializerCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import type { AppConfig } from "./config.ts";
import type { ConnectorChecker } from "./core/connector-check.types.ts";
import type { IntegrationChecker } from "./core/integration-check.types.ts";
import { startChangeFeed } from "./db/change-feed.ts";
import { type Db, pgPoolOf } from "./db/prisma.ts";
import type { ManagedKeyOperations } from "./granting/index.ts";
import type { Queue } from "./jobs/queue.ts";
import { createLogger, type Logger } from "./lib/logger.ts";
import { secretBox } from "./lib/secret-box.ts";
import { accessFlowRoutes } from "./modules/access-flows/access-flow.routes.ts";
import { accessRequestRoutes } from "./modules/access-requests/access-request.routes.ts";
import { accessSessionRoutes } from "./modules/access-requests/access-session.routes.ts";
import { selectableRoutes } from "./modules/access-requests/selectable.routes.ts";
import { activityRoutes } from "./modules/activity/activity.routes.ts";
import { auditRoutes } from "./modules/audit/audit.routes.ts";
import { apiTokenRepository } from "./modules/auth/api-token.repository.ts";
import { apiTokenRoutes } from "./modules/auth/api-token.routes.ts";
import { authRoutes } from "./modules/auth/auth.routes.ts";
import { createAuthenticator } from "./modules/auth/authenticator.ts";
import { callerCache } from "./modules/auth/caller-lookup.ts";
import { oidcSettingsRoutes } from "./modules/auth/oidc/oidc-settings.routes.ts";
import { oidcSettingsService } from "./modules/auth/oidc/oidc-settings.service.ts";
import { oidcSignInRoutes } from "./modules/auth/oidc/oidc-sign-in.routes.ts";
import { oidcSignInService } from "./modules/auth/oidc/oidc-sign-in.service.ts";
import { sessionRepository } from "./modules/auth/session.repository.ts";
import { sessionService } from "./modules/auth/session.service.ts";
import { catalogRoutes } from "./modules/catalog/catalog.routes.ts";
import { connectorRoutes } from "./modules/connectors/connector.routes.ts";
import { credentialRotationRoutes } from "./modules/credential-rotation/credential-rotation.routes.ts";
import { aponoGroupsRoutes } from "./modules/directory/apono-groups.routes.ts";
import { directoryRoutes } from "./modules/directory/directory.routes.ts";
import { directoryApiRoutes } from "./modules/directory/directory-api.routes.ts";
import { healthRoutes } from "./modules/health/health.routes.ts";
import { builtInDirectoryRoutes } from "./modules/identity-sources/built-in-directory.routes.ts";
import { identitySourceRoutes } from "./modules/identity-sources/identity-source.routes.ts";
import { integrationRoutes } from "./modules/integrations/integration.routes.ts";
import { portalRoutes } from "./modules/portal/portal.routes.ts";
import { resourceRoutes } from "./modules/resources/resource.routes.ts";
import { scimRoutes } from "./modules/scim/scim.routes.ts";
import { SCIM_PREFIX } from "./modules/scim/scim-constants.ts";
import { usersRoutes } from "./modules/users/users.routes.ts";
import { registerAccessControl } from "./plugins/access-control.ts";
import { registerCsrfProtection } from "./plugins/csrf.ts";
import { clientErrorHandler, frameworkErrorHandler, registerErrorHandler } from "./plugins/error-handler.ts";
import { registerListCache } from "./plugins/list-cache.ts";
import { registerRateLimit } from "./plugins/rate-limit.ts";
import { registerSecurityHeaders } from "./plugins/security-headers.ts";
import { registerSwagger } from "./plugins/swagger.ts";
import { registerTextGuard } from "./plugins/text-guard.ts";
import { registerWebApp } from "./plugins/web-app.ts";
import { zodValidatorCompiler } from "./plugins/zod-validation.ts";

export type AppDeps = {
  config: AppConfig;
  db: Db;
  queue: Queue;
  /** A logger to reuse (tests pass a silent one); otherwise one is made from the config. */
  logger?: Logger;
  /**
   * Live connector checks against AWS. Without one, `POST …/connectors/{id}/check` answers
   * 503 and new connectors stay DISCONNECTED until checked by a process that has one.
   */
  connectorChecker?: ConnectorChecker;
  integrationChecker?: IntegrationChecker;
  /**
   * Keep the admin list pages it has serialized, and the credentials requests read, while their
   * data is unchanged (plugins/list-cache.ts, modules/auth/caller-lookup.ts; one LISTEN connection
   * to the database). Default true; false reads every page and credential (the benchmark measures
   * both).
   */
  listCache?: boolean;
  /**
   * Replaces managed IAM users' access keys in AWS (granting's AwsManagedKeys), for "Reset
   * credentials". Without it a reset answers 502 CREDENTIALS_RESET_FAILED saying so.
   */
  managedKeys?: ManagedKeyOperations;
};

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const logger: Logger = deps.logger ?? createLogger(deps.config.LOG_LEVEL);
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    trustProxy: deps.config.TRUST_PROXY,
    bodyLimit: 256 * 1024,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    // Errors Fastify answers before routing (a malformed or over-long path) and bad HTTP get the
    // same body and headers as every other error.
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  await registerSecurityHeaders(app);

  // Security layers come before any route: cookies are parsed, then the caller is resolved
  // and checked against the route's declared access, then cookie writes need the CSRF token.
  const { db, queue, config } = deps;
  // One box for every secret the API seals (OIDC client secret, new access keys).
  const secrets = secretBox({ secretsKey: config.SECRETS_KEY, dataDir: config.DATA_DIR });
  // The admin list pages and the credentials requests read are kept while the data under them
  // is unchanged: a data generation that follows every process's writes (db/change-feed.ts).
  const feed =
    deps.listCache === false ? null : await startChangeFeed(pgPoolOf(db).options.connectionString!, logger);
  if (feed) app.addHook("onClose", () => feed.stop());
  const callers = feed ? callerCache(feed) : null;
  const sessions = sessionService(sessionRepository(db, callers));
  await app.register(cookie);
  registerAccessControl(app, {
    authenticate: createAuthenticator({ sessions, tokens: apiTokenRepository(db, callers), feed }),
  });
  registerCsrfProtection(app);
  registerTextGuard(app);
  await registerRateLimit(app);
  registerListCache(app, feed);

  await registerSwagger(app);
  await app.register(healthRoutes({ db, queue }));
  await app.register(authRoutes({ db, config, sessions }));
  const oidcSettings = oidcSettingsService({
    db,
    secrets,
  });
  await app.register(oidcSettingsRoutes({ config, settings: oidcSettings }));
  await app.register(
    oidcSignInRoutes({
      config,
      sessions,
      logger,
      service: oidcSignInService({ db, sessions, settings: oidcSettings, logger }),
    }),
  );
  await app.register(apiTokenRoutes({ db }));
  await app.register(usersRoutes({ db }));
  await app.register(auditRoutes({ db }));
  await app.register(activityRoutes({ db }));
  await app.register(catalogRoutes());
  await app.register(connectorRoutes({ db, checker: deps.connectorChecker, logger }));
  await app.register(directoryRoutes({ db }));
  await app.register(directoryApiRoutes({ db }));
  await app.register(aponoGroupsRoutes({ db }));
  await app.register(integrationRoutes({ db, queue, logger, checker: deps.integrationChecker }));
  await app.register(resourceRoutes({ db }));
  await app.register(portalRoutes({ db }));
  await app.register(identitySourceRoutes({ db }));
  await app.register(builtInDirectoryRoutes({ db }));
  await app.register(scimRoutes({ db }), { prefix: SCIM_PREFIX });
  await app.register(accessFlowRoutes({ db }));
  await app.register(accessRequestRoutes({ db, queue }));
  await app.register(selectableRoutes({ db, queue }));
  await app.register(
    accessSessionRoutes({
      db,
      secrets,
      ...(deps.managedKeys ? { keys: deps.managedKeys } : {}),
    }),
  );
  await app.register(
    credentialRotationRoutes({
      db,
      secrets,
    }),
  );
  if (config.WEB_DIST_DIR) await registerWebApp(app, config.WEB_DIST_DIR);
  return app;
}
