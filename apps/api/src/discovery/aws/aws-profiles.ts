import { homedir } from "node:os";
import { join } from "node:path";
import { AWS_ACCOUNT_DEFAULTS } from "@portcullis/shared";
import { DiscoveryError } from "../sync/discovery-error.ts";
import { type ReadTextFile, readTextFile } from "./aws-credentials-present.ts";

/**
 * The profiles defined in the shared files the AWS SDK reads: `[profile name]` (and
 * `[default]`) in the config file, `[name]` in the credentials file.
 */
export function sharedProfileNames(
  env: NodeJS.ProcessEnv,
  readFile: ReadTextFile,
  home: string,
): Set<string> {
  const names = new Set<string>();
  const sections = (text: string | undefined) =>
    [...(text ?? "").matchAll(/^\s*\[\s*([^\]]+?)\s*\]\s*$/gm)].map((match) => match[1]!);
  for (const section of sections(readFile(env.AWS_CONFIG_FILE || join(home, ".aws", "config")))) {
    const profile = /^profile\s+(.+)$/.exec(section)?.[1]?.trim();
    if (profile) names.add(profile);
    else if (section === "default") names.add("default");
  }
  for (const section of sections(
    readFile(env.AWS_SHARED_CREDENTIALS_FILE || join(home, ".aws", "credentials")),
  )) {
    names.add(section);
  }
  return names;
}

/**
 * The profile an account integration signs with (undefined: the process's default chain).
 * A named profile must exist on this host; the default name "apono" is Apono's own
 * convention, so when no such profile exists the process's default credentials are used, as
 * they are with the field empty.
 */
export function chooseProfile(
  setting: string | null | undefined,
  available: ReadonlySet<string>,
): string | undefined {
  const name = setting?.trim();
  if (!name) return undefined;
  if (available.has(name)) return name;
  if (name === AWS_ACCOUNT_DEFAULTS.profile) return undefined;
  throw new DiscoveryError({
    code: "ProfileNotFound",
    message: `The AWS profile "${name}" is not defined on the host running Portcullis (neither in the shared config file nor in the credentials file).`,
    fix: `Add a [profile ${name}] section to ~/.aws/config (or AWS_CONFIG_FILE) of the host running Portcullis, or edit the integration and clear AWS Profile Name to use the host's default credentials.`,
    retryable: false,
  });
}

/** `chooseProfile` against this process's environment and files. */
export function profileOnThisHost(setting: string | null | undefined): string | undefined {
  return chooseProfile(setting, sharedProfileNames(process.env, readTextFile, homedir()));
}
