import type {
  ConnectorChecker,
  ConnectorCheckResult,
  ConnectorCheckTarget,
} from "../src/core/connector-check.types.ts";

/**
 * A test double of the connector check, typed as the real dependency. By default a connector
 * passes, in the account of its role ARN (or 111122223333 without a role); a role named
 * "Broken…" fails with AccessDenied. `respond` overrides it for one test.
 */
export function fakeConnectorChecker() {
  const calls: ConnectorCheckTarget[] = [];
  let respond:
    | ((connector: ConnectorCheckTarget) => ConnectorCheckResult | Promise<ConnectorCheckResult>)
    | null = null;

  const defaultResult = (connector: ConnectorCheckTarget): ConnectorCheckResult => {
    const account = /^arn:aws:iam::(\d{12}):role\//.exec(connector.roleArn ?? "")?.[1] ?? "111122223333";
    if (connector.roleArn?.includes(":role/Broken")) {
      return {
        ok: false,
        accountId: null,
        callerArn: "arn:aws:iam::111122223333:user/portcullis",
        message: `Could not assume ${connector.roleArn}: access denied. Check the role's trust policy and external id.`,
        errorCode: "AccessDenied",
        warnings: [],
        // As the real checker says: the server's credentials worked, assuming the role did not.
        failedStep: "role",
      };
    }
    return {
      ok: true,
      accountId: account,
      callerArn: `arn:aws:sts::${account}:assumed-role/portcullis/session`,
      message: `Connected to AWS account ${account}.`,
      errorCode: null,
      warnings: [],
    };
  };

  const checker: ConnectorChecker = {
    async check(connector) {
      calls.push(connector);
      return respond ? respond(connector) : defaultResult(connector);
    },
  };
  return {
    checker,
    calls,
    respondWith(fn: typeof respond) {
      respond = fn;
    },
  };
}
