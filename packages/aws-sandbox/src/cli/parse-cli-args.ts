import { parseArgs } from "node:util";
import type { GenerateOptions } from "../scenario/generate-scenario.ts";

export type ServeCommand = {
  command: "serve";
  scenario?: string;
  generate?: GenerateOptions;
  faults?: string;
  port: number;
  host: string;
  seed?: number;
};

export type GenerateCommand = { command: "generate"; options: GenerateOptions; out?: string };

export type HelpCommand = { command: "help" };

export type CliCommand = ServeCommand | GenerateCommand | HelpCommand;

export const USAGE = `Usage:
  pnpm sandbox [--scenario path] [--port 4566] [--host 127.0.0.1] [--faults rules.json] [--seed n]
  pnpm sandbox --accounts 2000 [generator flags]       serve a generated scenario
  pnpm sandbox generate --accounts 2000 [--out file]   write a generated scenario

Generator flags: --accounts --ous --depth --regions a,b --roles --buckets --instances
                 --db-instances --users --groups --excluded --seed`;

const int = (value: string | undefined, name: string): number | undefined => {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`--${name} must be a non-negative integer`);
  return parsed;
};

export function parseCliArgs(argv: string[]): CliCommand {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: "boolean", short: "h" },
      scenario: { type: "string" },
      port: { type: "string" },
      host: { type: "string" },
      faults: { type: "string" },
      out: { type: "string" },
      accounts: { type: "string" },
      ous: { type: "string" },
      depth: { type: "string" },
      regions: { type: "string" },
      roles: { type: "string" },
      buckets: { type: "string" },
      instances: { type: "string" },
      "db-instances": { type: "string" },
      users: { type: "string" },
      groups: { type: "string" },
      excluded: { type: "string" },
      seed: { type: "string" },
    },
  });
  if (values.help) return { command: "help" };
  const accounts = int(values.accounts, "accounts");
  const generate: GenerateOptions | undefined =
    accounts === undefined
      ? undefined
      : {
          accounts,
          ous: int(values.ous, "ous"),
          depth: int(values.depth, "depth"),
          regions: values.regions?.split(",").map((r) => r.trim()),
          rolesPerAccount: int(values.roles, "roles"),
          bucketsPerAccount: int(values.buckets, "buckets"),
          instancesPerRegion: int(values.instances, "instances"),
          dbInstancesPerRegion: int(values["db-instances"], "db-instances"),
          usersPerAccount: int(values.users, "users"),
          groupsPerAccount: int(values.groups, "groups"),
          excludedOuAccounts: int(values.excluded, "excluded"),
          seed: int(values.seed, "seed"),
        };

  if (positionals[0] === "generate") {
    if (generate === undefined) throw new Error("generate needs --accounts");
    return { command: "generate", options: generate, out: values.out };
  }
  if (positionals.length > 0) throw new Error(`Unknown command ${positionals[0]}`);
  if (generate !== undefined && values.scenario !== undefined)
    throw new Error("Use either --scenario or --accounts");
  return {
    command: "serve",
    scenario: values.scenario,
    generate,
    faults: values.faults,
    port: int(values.port, "port") ?? 4566,
    host: values.host ?? "127.0.0.1",
    seed: int(values.seed, "seed"),
  };
}
