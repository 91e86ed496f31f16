import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { secretBox } from "./secret-box.ts";

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

async function tempDir() {
  const dir = await mkdtemp(join(tmpdir(), "secret-box-"));
  dirs.push(dir);
  return dir;
}

describe("secretBox", () => {
  it("seals so that the text does not show and opens it again", async () => {
    const box = secretBox({ secretsKey: "a key for tests only", dataDir: await tempDir() });
    const sealed = await box.seal("client-secret-value");
    expect(sealed).not.toContain("client-secret-value");
    expect(await box.seal("client-secret-value")).not.toBe(sealed);
    expect(await box.open(sealed)).toBe("client-secret-value");
  });

  it("refuses a sealed value that was changed, or sealed with another key", async () => {
    const dataDir = await tempDir();
    const sealed = await secretBox({ secretsKey: "one", dataDir }).seal("secret");
    await expect(secretBox({ secretsKey: "two", dataDir }).open(sealed)).rejects.toThrow();
    const parts = sealed.split(".");
    parts[3] = Buffer.from("other").toString("base64url");
    await expect(secretBox({ secretsKey: "one", dataDir }).open(parts.join("."))).rejects.toThrow();
  });

  it("without SECRETS_KEY keeps one random key in DATA_DIR/secrets.key, readable by the owner only", async () => {
    const dataDir = await tempDir();
    const sealed = await secretBox({ dataDir }).seal("secret");
    expect(await secretBox({ dataDir }).open(sealed)).toBe("secret");
    expect((await stat(join(dataDir, "secrets.key"))).mode & 0o777).toBe(0o600);
  });
});
