import pino, { type Logger, type LoggerOptions } from "pino";

export type { Logger };

// Anything that could carry a secret is removed before a log line is written.
export const REDACT_PATHS = [
  "req.headers.authorization",
  "req.headers.cookie",
  "res.headers['set-cookie']",
  "*.password",
  "*.passwordHash",
  "*.token",
  "*.secretAccessKey",
  "*.sessionToken",
];

export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    // Pretty lines for people at a terminal, JSON for log shippers.
    transport: process.stdout.isTTY
      ? { target: "pino-pretty", options: { translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname" } }
      : undefined,
  };
}

export function createLogger(level: string): Logger {
  return pino(loggerOptions(level));
}
