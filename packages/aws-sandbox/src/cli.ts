import { readFileSync, writeFileSync } from "node:fs";
import { parseCliArgs, type ServeCommand, USAGE } from "./cli/parse-cli-args.ts";
import type { FaultRule } from "./faults/types.ts";
import { generateScenario } from "./scenario/generate-scenario.ts";
import { DEMO_SCENARIO_PATH } from "./scenario/load-scenario.ts";
import { startSandbox } from "./server/start-sandbox.ts";

async function serve(command: ServeCommand): Promise<void> {
  const scenario =
    command.generate !== undefined
      ? generateScenario(command.generate)
      : (command.scenario ?? DEMO_SCENARIO_PATH);
  const faults =
    command.faults === undefined
      ? undefined
      : (JSON.parse(readFileSync(command.faults, "utf8")) as FaultRule[]);
  const sandbox = await startSandbox({
    scenario,
    port: command.port,
    host: command.host,
    faults,
    seed: command.seed,
  });
  const org = sandbox.scenario.organization;
  const [credential] = sandbox.credentials;
  const region = sandbox.scenario.identityCenter?.region ?? "us-east-1";
  const source = command.generate !== undefined ? "generated" : (command.scenario ?? "demo");
  console.log(`AWS sandbox listening on ${sandbox.url}`);
  console.log(
    `Scenario: ${source} — ${Object.keys(sandbox.scenario.accounts).length} accounts` +
      (org === undefined ? "" : `, organization ${org.id}, management account ${org.managementAccountId}`),
  );
  if (credential !== undefined) {
    console.log("\nPoint the AWS SDK or CLI at it with:\n");
    console.log(`  export AWS_ENDPOINT_URL=${sandbox.url}`);
    console.log(`  export AWS_ACCESS_KEY_ID=${credential.accessKeyId}`);
    console.log(`  export AWS_SECRET_ACCESS_KEY=${credential.secretAccessKey}`);
    console.log(`  export AWS_REGION=${region}`);
    console.log("\nS3 clients also need forcePathStyle: true. Signatures are not checked.");
  }
  for (const name of ["PortcullisManagementRole", "PortcullisConnectorRole"]) {
    const role =
      org === undefined
        ? undefined
        : sandbox.world.accounts.get(org.managementAccountId)?.rolesByName.get(name);
    if (role !== undefined) console.log(`${name}: ${role.arn}`);
  }
  const stop = () => {
    sandbox.close().then(() => process.exit(0));
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

async function main(): Promise<void> {
  let command: ReturnType<typeof parseCliArgs>;
  try {
    command = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    process.exit(2);
  }
  switch (command.command) {
    case "help":
      console.log(USAGE);
      return;
    case "generate": {
      const json = JSON.stringify(generateScenario(command.options), null, 2);
      if (command.out === undefined) process.stdout.write(`${json}\n`);
      else {
        writeFileSync(command.out, `${json}\n`);
        console.error(`Wrote ${command.options.accounts} accounts to ${command.out}`);
      }
      return;
    }
    case "serve":
      await serve(command);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
