import { describe, expect, it } from "vitest";
import { evaluatePolicies, MalformedPolicyError, parsePolicy } from "./policy-evaluator.ts";

const policy = (...Statement: object[]) => JSON.stringify({ Version: "2012-10-17", Statement });
const ROLE = "arn:aws:iam::111111111111:role/app/Reader";

describe("evaluatePolicies", () => {
  it("denies by default and allows what a statement names", () => {
    expect(evaluatePolicies([], "sts:AssumeRole", ROLE)).toBe("ImplicitDeny");
    const allow = policy({ Effect: "Allow", Action: "sts:AssumeRole", Resource: ROLE });
    expect(evaluatePolicies([allow], "sts:AssumeRole", ROLE)).toBe("Allow");
    expect(evaluatePolicies([allow], "sts:AssumeRole", `${ROLE}2`)).toBe("ImplicitDeny");
    expect(evaluatePolicies([allow], "s3:ListBucket", ROLE)).toBe("ImplicitDeny");
  });

  it("matches wildcards: actions case-insensitively, resources exactly", () => {
    const allow = policy({ Effect: "Allow", Action: ["S3:List*"], Resource: "arn:aws:s3:::data-??" });
    expect(evaluatePolicies([allow], "s3:ListBucket", "arn:aws:s3:::data-01")).toBe("Allow");
    expect(evaluatePolicies([allow], "s3:ListBucket", "arn:aws:s3:::data-001")).toBe("ImplicitDeny");
    expect(evaluatePolicies([allow], "s3:ListBucket", "arn:aws:s3:::DATA-01")).toBe("ImplicitDeny");
    // A call without a modelled resource acts on "*": only Resource "*" covers it.
    expect(evaluatePolicies([allow], "s3:ListAllMyBuckets", "*")).toBe("ImplicitDeny");
    const any = policy({ Effect: "Allow", Action: "*", Resource: "*" });
    expect(evaluatePolicies([any], "s3:ListAllMyBuckets", "*")).toBe("Allow");
  });

  it("lets an explicit deny win across policies, NotAction included", () => {
    const allow = policy({ Effect: "Allow", Action: "*", Resource: "*" });
    const deny = policy({ Effect: "Deny", NotAction: "sts:*", Resource: "*" });
    expect(evaluatePolicies([allow, deny], "s3:ListBucket", "arn:aws:s3:::b")).toBe("ExplicitDeny");
    expect(evaluatePolicies([allow, deny], "sts:AssumeRole", ROLE)).toBe("Allow");
  });

  it("fails closed on conditions: they never allow, and still deny", () => {
    const conditional = { Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } };
    const allow = policy({ Effect: "Allow", Action: "*", Resource: "*", ...conditional });
    expect(evaluatePolicies([allow], "sts:AssumeRole", ROLE)).toBe("ImplicitDeny");
    const deny = policy({ Effect: "Deny", Action: "*", Resource: "*", ...conditional });
    const plain = policy({ Effect: "Allow", Action: "*", Resource: "*" });
    expect(evaluatePolicies([plain, deny], "sts:AssumeRole", ROLE)).toBe("ExplicitDeny");
  });

  it("rejects malformed documents with the reason", () => {
    expect(() => parsePolicy("{")).toThrow(MalformedPolicyError);
    expect(() => parsePolicy(policy({ Effect: "Maybe", Action: "*", Resource: "*" }))).toThrow(/Effect/);
    expect(() => parsePolicy(policy({ Effect: "Allow", Resource: "*" }))).toThrow(/Action/);
    expect(() => parsePolicy(policy({ Effect: "Allow", Action: "*" }))).toThrow(/Resource/);
  });
});
