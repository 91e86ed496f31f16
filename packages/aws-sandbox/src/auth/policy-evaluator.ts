// A minimal IAM policy evaluator for identity-based policies: Allow/Deny statements over
// Action/NotAction and Resource/NotResource with IAM wildcards ("*" any run, "?" one character),
// an explicit Deny wins, and anything not allowed is denied. Conditions are not evaluated: a
// statement with a Condition never allows, and always denies (it fails closed).

export type Decision = "Allow" | "ExplicitDeny" | "ImplicitDeny";

type Statement = {
  Effect: "Allow" | "Deny";
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: unknown;
};

export class MalformedPolicyError extends Error {}

const asList = (value: string | string[] | undefined): string[] | undefined =>
  value === undefined ? undefined : Array.isArray(value) ? value : [value];

// Parses and checks a policy document's shape; the message says what is wrong.
export function parsePolicy(document: string): Statement[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(document);
  } catch {
    throw new MalformedPolicyError("Syntax errors in policy.");
  }
  const statementsRaw = (parsed as { Statement?: unknown } | null)?.Statement;
  if (statementsRaw === undefined)
    throw new MalformedPolicyError("Policy document must contain a Statement.");
  const statements = (Array.isArray(statementsRaw) ? statementsRaw : [statementsRaw]) as Statement[];
  for (const statement of statements) {
    if (statement?.Effect !== "Allow" && statement?.Effect !== "Deny") {
      throw new MalformedPolicyError("Each Statement needs an Effect of Allow or Deny.");
    }
    if ((statement.Action === undefined) === (statement.NotAction === undefined)) {
      throw new MalformedPolicyError("Each Statement needs exactly one of Action or NotAction.");
    }
    if ((statement.Resource === undefined) === (statement.NotResource === undefined)) {
      throw new MalformedPolicyError("Each Statement needs exactly one of Resource or NotResource.");
    }
  }
  return statements;
}

function wildcard(pattern: string, value: string, ignoreCase: boolean): boolean {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const v = ignoreCase ? value.toLowerCase() : value;
  if (!/[*?]/.test(p)) return p === v;
  const regex = p
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replaceAll("*", ".*")
    .replaceAll("?", ".");
  return new RegExp(`^${regex}$`).test(v);
}

function applies(statement: Statement, action: string, resource: string): boolean {
  const actions = asList(statement.Action);
  const actionMatch =
    actions !== undefined
      ? actions.some((a) => wildcard(a, action, true))
      : !asList(statement.NotAction)!.some((a) => wildcard(a, action, true));
  if (!actionMatch) return false;
  const resources = asList(statement.Resource);
  return resources !== undefined
    ? resources.some((r) => wildcard(r, resource, false))
    : !asList(statement.NotResource)!.some((r) => wildcard(r, resource, false));
}

// resource: the ARN the call acts on, or "*" when the sandbox does not model one (then only
// statements whose Resource matches "*" apply).
export function evaluatePolicies(documents: Iterable<string>, action: string, resource: string): Decision {
  let allowed = false;
  for (const document of documents) {
    for (const statement of parsePolicy(document)) {
      if (!applies(statement, action, resource)) continue;
      if (statement.Effect === "Deny") return "ExplicitDeny";
      if (statement.Condition === undefined) allowed = true;
    }
  }
  return allowed ? "Allow" : "ImplicitDeny";
}
