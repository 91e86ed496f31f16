// `pnpm start`: one process serving the API at /api and the web app at /, with a job worker inside.
import { loadConfig } from "./config.ts";
import { createLogger } from "./lib/logger.ts";
import { exitForStartupFailure } from "./lib/startup-problem.ts";
import { startServer } from "./server.ts";

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
const logger = createLogger(config.LOG_LEVEL);

try {
  const server = await startServer(config, logger);
  server.shutdown.onSignals();
  const lines = [``, `  Portcullis is running at ${server.url}`];
  if (server.initialAdmin) {
    lines.push(`  First start: sign in as ${server.initialAdmin.email}`);
    if (server.initialAdmin.generated) {
      lines.push(`  Password (shown once, store it now): ${server.initialAdmin.password}`);
    }
  }
  if (server.demo) {
    lines.push(
      `  No AWS credentials found: the AWS sandbox (demo organization) is serving as AWS.`,
      `    Connector: "AWS sandbox (demo)" (role ${server.demo.connectorRoleArn})`,
      `    Organization wizard: Management Account Role ARN ${server.demo.managementRoleArn}`,
      `                         AWS SSO Region ${server.demo.ssoRegion}, SSO Portal ${server.demo.ssoPortal}`,
      `    Set AWS credentials (or SANDBOX=0) to use real AWS.`,
    );
  }
  lines.push(`  API docs: ${server.url}/api/docs`, ``);
  console.log(lines.join("\n"));
} catch (error) {
  exitForStartupFailure(
    error,
    { port: config.PORT, host: config.HOST, databaseUrl: config.DATABASE_URL },
    logger,
  );
}
