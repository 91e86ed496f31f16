/**
 * A reason `pnpm start` (or `pnpm worker`) cannot start that the person starting it can fix, with
 * what to do: printed as it is, without a stack trace.
 */
export class StartupProblem extends Error {
  override name = "StartupProblem";
}

type Where = { port: number; host: string; databaseUrl: string | undefined };

/** Where DATABASE_URL points, without its password. */
function databaseServer(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `${url.hostname}:${url.port || "5432"}${url.pathname}`;
  } catch {
    return "DATABASE_URL";
  }
}

/**
 * The message for a failure to start whose cause is outside Portcullis (a taken port, a database
 * server that is down or refuses the credentials), or null for anything else, which is a bug
 * and logged with its stack.
 */
export function startupProblemMessage(error: unknown, where: Where): string | null {
  if (error instanceof StartupProblem) return error.message;
  const code = (error as { code?: unknown } | null)?.code;
  const syscall = (error as { syscall?: unknown } | null)?.syscall;
  if (code === "EADDRINUSE") {
    return (
      `Port ${where.port} is already in use on ${where.host} (another Portcullis, or another program). ` +
      `Stop that, or start this one on a free port: PORT=${where.port + 1} pnpm start`
    );
  }
  if (code === "EACCES" && syscall === "listen") {
    return `Port ${where.port} needs privileges this user does not have. Use a port above 1023, such as PORT=3000.`;
  }
  if (!where.databaseUrl) return null;
  const server = databaseServer(where.databaseUrl);
  const unset = "or unset DATABASE_URL to use the embedded PostgreSQL.";
  switch (code) {
    case "ECONNREFUSED":
    case "ETIMEDOUT":
    case "EHOSTUNREACH":
      return `Cannot reach the PostgreSQL server of DATABASE_URL (${server}): ${code}. Check that it is running and that the host and port are right, ${unset}`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `The host of DATABASE_URL (${server}) does not resolve. Check the host name, ${unset}`;
    case "28P01":
    case "28000":
      return `PostgreSQL at ${server} refused DATABASE_URL's user or password (${(error as Error).message}). Check them, ${unset}`;
    case "3D000":
      return `The database of DATABASE_URL (${server}) does not exist. Create it (\`createdb\`), or point DATABASE_URL at an existing one.`;
    default:
      return null;
  }
}

/** Ends a process that could not start: the fix for a problem of the setup, else the error logged with its stack. */
export function exitForStartupFailure(
  error: unknown,
  where: Where,
  logger: { fatal(object: object, message: string): void },
): never {
  const message = startupProblemMessage(error, where);
  if (message) console.error(message);
  else logger.fatal({ err: error }, "Portcullis could not start");
  process.exit(1);
}
