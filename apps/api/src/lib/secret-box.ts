import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";

const VERSION = "v1";

/**
 * Encrypts the few secrets Portcullis must be able to read back (an IdP client secret) with
 * AES-256-GCM, so a database dump alone does not give them away. The key is `SECRETS_KEY` when set
 * (e.g. from a secret manager), else a random key kept in `DATA_DIR/secrets.key` (mode 0600),
 * made on first use.
 */
export type SecretBox = { seal(plain: string): Promise<string>; open(sealed: string): Promise<string> };

export function secretBox(options: { secretsKey?: string; dataDir: string }): SecretBox {
  let key: Promise<Buffer> | undefined;
  const getKey = () => {
    key ??= options.secretsKey
      ? Promise.resolve(createHash("sha256").update(options.secretsKey).digest())
      : keyFromFile(join(options.dataDir, "secrets.key"));
    return key;
  };
  return {
    async seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", await getKey(), iv);
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), body].map((part) => part.toString("base64url"));
      return [VERSION, ...parts].join(".");
    },
    async open(sealed) {
      const [version, iv, tag, body] = sealed.split(".");
      if (version !== VERSION || !iv || !tag || body === undefined) {
        throw new Error("Not a sealed secret");
      }
      const decipher = createDecipheriv("aes-256-gcm", await getKey(), Buffer.from(iv, "base64url"));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString(
        "utf8",
      );
    },
  };
}

async function keyFromFile(path: string): Promise<Buffer> {
  try {
    return Buffer.from((await readFile(path, "utf8")).trim(), "base64url");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  await mkdir(join(path, ".."), { recursive: true });
  try {
    await writeFile(path, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
  } catch (error) {
    // Another process made it first: use theirs.
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return Buffer.from((await readFile(path, "utf8")).trim(), "base64url");
}
