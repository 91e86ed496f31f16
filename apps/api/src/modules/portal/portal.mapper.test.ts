import { describe, expect, it } from "vitest";
import { cliProfileName, cliProfileSnippet, signInOf, ssoSessionSnippet } from "./portal.mapper.ts";

describe("cliProfileName", () => {
  it("is unique per integration: the AWS Profile Name and the integration's name", () => {
    expect(cliProfileName(undefined, "Prod Account")).toBe("apono-prod-account");
    expect(cliProfileName("apono", "Staging")).toBe("apono-staging");
    expect(cliProfileName("team", "UX / Payments")).toBe("team-ux-payments");
  });
});

describe("cliProfileSnippet", () => {
  it("is an ~/.aws/config role profile in the integration's account", () => {
    expect(cliProfileSnippet("apono-prod", "us-east-1", "111111111111")).toBe(
      "[profile apono-prod]\nrole_arn = arn:aws:iam::111111111111:role/YOUR_GRANTED_ROLE\n" +
        "source_profile = default\nrole_session_name = apono-prod\nregion = us-east-1\noutput = json\n",
    );
  });
});

describe("signInOf", () => {
  it("gives an organization an sso-session with its start URL and SSO Region", () => {
    const signIn = signInOf({
      type: "aws-organization",
      name: "Acme Org",
      integrationConfig: {
        sso_portal: "https://d-1.awsapps.com/start",
        sso_region: "eu-west-1",
        region: "us-east-1",
      },
    });
    expect(signIn).toEqual({
      kind: "sso",
      url: "https://d-1.awsapps.com/start",
      profile: "apono-acme-org",
      snippet: ssoSessionSnippet("apono-acme-org", "https://d-1.awsapps.com/start", "eu-west-1"),
    });
    expect(signIn.kind === "sso" && signIn.snippet).toContain(
      "[sso-session apono-acme-org]\nsso_start_url = https://d-1.awsapps.com/start\nsso_region = eu-west-1",
    );
  });

  it("gives two account integrations with the default profile two different profiles", () => {
    const one = signInOf({ type: "aws-account", name: "One", integrationConfig: { region: "us-east-1" } });
    const two = signInOf({ type: "aws-account", name: "Two", integrationConfig: { region: "us-east-1" } });
    expect(one.kind === "cli-profile" && one.profile).toBe("apono-one");
    expect(two.kind === "cli-profile" && two.profile).toBe("apono-two");
  });
});
