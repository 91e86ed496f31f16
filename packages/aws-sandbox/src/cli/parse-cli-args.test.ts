import { describe, expect, it } from "vitest";
import { parseCliArgs } from "./parse-cli-args.ts";

describe("parseCliArgs", () => {
  it("defaults to serving the demo on 4566", () => {
    expect(parseCliArgs([])).toEqual({
      command: "serve",
      scenario: undefined,
      generate: undefined,
      faults: undefined,
      port: 4566,
      host: "127.0.0.1",
      seed: undefined,
    });
  });

  it("reads serve and generate flags", () => {
    expect(parseCliArgs(["--scenario", "s.json", "--port", "0", "--faults", "f.json"])).toMatchObject({
      command: "serve",
      scenario: "s.json",
      port: 0,
      faults: "f.json",
    });
    expect(
      parseCliArgs([
        "generate",
        "--accounts",
        "2000",
        "--regions",
        "us-east-1, eu-west-1",
        "--excluded",
        "10",
        "--out",
        "x.json",
      ]),
    ).toMatchObject({
      command: "generate",
      out: "x.json",
      options: { accounts: 2000, regions: ["us-east-1", "eu-west-1"], excludedOuAccounts: 10 },
    });
  });

  it("rejects bad input", () => {
    expect(() => parseCliArgs(["--port", "abc"])).toThrow("--port");
    expect(() => parseCliArgs(["generate"])).toThrow("--accounts");
    expect(() => parseCliArgs(["serve-it"])).toThrow("Unknown command");
  });
});
