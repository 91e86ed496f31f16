import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from "node:crypto";
import { availableParallelism } from "node:os";
import { promisify } from "node:util";
import { AppError } from "./app-error.ts";
import { AtCapacityError, boundedConcurrency } from "./bounded-concurrency.ts";

const scrypt = promisify(scryptCallback) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: object,
) => Promise<Buffer>;

// OWASP's scrypt baseline (N=2^17, r=8, p=1); the parameters travel with the hash so they can grow.
const PARAMS = { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 1024 * 1024 };
const KEY_LENGTH = 32;

/**
 * scrypt runs on libuv's thread pool (UV_THREADPOOL_SIZE threads, 4 by default), which file
 * reads and DNS lookups wait on too, and each hash keeps a core busy for ~0.5 s. Hashing may take
 * half of the pool and all cores but one, so a flood of sign-ins cannot stall everything else; a
 * few more wait their turn (a second or two), and the rest are turned away at once with a 429
 * and Retry-After (issue #20.2).
 */
const POOL_SIZE = Number(process.env.UV_THREADPOOL_SIZE) || 4;
export const HASHING_CONCURRENCY = Math.max(
  1,
  Math.min(Math.floor(POOL_SIZE / 2), availableParallelism() - 1),
);
const hashing = boundedConcurrency({ concurrency: HASHING_CONCURRENCY, queue: 2 * HASHING_CONCURRENCY });
const RETRY_AFTER_SECONDS = 2;

/** The 429 of a password check that found every hashing slot taken. */
export class PasswordHashingBusyError extends AppError {
  readonly headers = { "retry-after": String(RETRY_AFTER_SECONDS) };

  constructor() {
    super(
      "RATE_LIMITED",
      `Too many passwords are being checked right now. Wait ${RETRY_AFTER_SECONDS} seconds, then try again.`,
    );
  }
}

async function boundedScrypt(password: string, salt: Buffer, keylen: number, options: object) {
  try {
    return await hashing(() => scrypt(password, salt, keylen, options));
  } catch (error) {
    throw error instanceof AtCapacityError ? new PasswordHashingBusyError() : error;
  }
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await boundedScrypt(password, salt, KEY_LENGTH, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${salt.toString("base64")}$${key.toString("base64")}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, "base64");
  const actual = await boundedScrypt(password, Buffer.from(salt, "base64"), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: PARAMS.maxmem,
  });
  return timingSafeEqual(actual, expected);
}

export function generatePassword(): string {
  return randomBytes(15).toString("base64url");
}
