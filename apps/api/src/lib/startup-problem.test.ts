import { describe, expect, it } from "vitest";
import { StartupProblem, startupProblemMessage } from "./startup-problem.ts";

const where = {
  port: 3000,
  host: "0.0.0.0",
  databaseUrl: "postgres://app:s3cret-pw@db.internal:6543/portcullis",
};
const systemError = (code: string, syscall = "connect") =>
  Object.assign(new Error(`${syscall} ${code}`), { code, syscall });

describe("startupProblemMessage", () => {
  it("gives a StartupProblem's own words", () => {
    expect(startupProblemMessage(new StartupProblem("Set DATA_DIR elsewhere."), where)).toBe(
      "Set DATA_DIR elsewhere.",
    );
  });

  it("names a taken port and a free one to use; a privileged port and a port that is not", () => {
    expect(startupProblemMessage(systemError("EADDRINUSE", "listen"), where)).toBe(
      "Port 3000 is already in use on 0.0.0.0 (another Portcullis, or another program). " +
        "Stop that, or start this one on a free port: PORT=3001 pnpm start",
    );
    expect(startupProblemMessage(systemError("EACCES", "listen"), { ...where, port: 80 })).toMatch(
      /^Port 80 needs privileges .* such as PORT=3000\.$/,
    );
  });

  it("says where DATABASE_URL points and what to check, never its password", () => {
    const messages = [
      startupProblemMessage(systemError("ECONNREFUSED"), where),
      startupProblemMessage(systemError("ENOTFOUND", "getaddrinfo"), where),
      startupProblemMessage(
        Object.assign(new Error('password authentication failed for user "app"'), { code: "28P01" }),
        where,
      ),
      startupProblemMessage(
        Object.assign(new Error('database "portcullis" does not exist'), { code: "3D000" }),
        where,
      ),
    ];
    expect(messages[0]).toMatch(
      /^Cannot reach the PostgreSQL server of DATABASE_URL \(db\.internal:6543\/portcullis\): ECONNREFUSED\. Check that it is running/,
    );
    expect(messages[1]).toMatch(
      /^The host of DATABASE_URL \(db\.internal:6543\/portcullis\) does not resolve/,
    );
    expect(messages[2]).toMatch(
      /refused DATABASE_URL's user or password \(password authentication failed for user "app"\)/,
    );
    expect(messages[3]).toMatch(
      /^The database of DATABASE_URL \(db\.internal:6543\/portcullis\) does not exist\. Create it/,
    );
    for (const message of messages) {
      expect(message).toMatch(/DATABASE_URL/);
      expect(message).not.toContain("s3cret-pw");
    }
  });

  it("leaves database errors alone without DATABASE_URL, and bugs to the log with their stack", () => {
    expect(
      startupProblemMessage(systemError("ECONNREFUSED"), { ...where, databaseUrl: undefined }),
    ).toBeNull();
    expect(startupProblemMessage(new TypeError("x is not a function"), where)).toBeNull();
    expect(startupProblemMessage(undefined, where)).toBeNull();
  });
});
