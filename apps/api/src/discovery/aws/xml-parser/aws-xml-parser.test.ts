import { readFileSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { parseXML } from "@aws-sdk/xml-builder";
import { describe, expect, it } from "vitest";
import { parseOutcome, xmlCorpus } from "./xml-corpus.ts";

// The AWS SDK parses every XML response (EC2, IAM, S3, STS, RDS) with @aws-sdk/xml-builder's
// parseXML, which we patch (patches/@aws-sdk__xml-builder@3.972.43.patch) to scan with indexOf
// instead of building each tag name and text one character at a time: a 1 MB DescribeInstances
// page took ~40 ms to parse. The golden file holds what the unpatched parser returned for each
// document of the corpus; the patched one must return exactly the same, errors included.
const golden: { xml: string; outcome: string }[] = JSON.parse(
  readFileSync(new URL("./xml-corpus.golden.json", import.meta.url), "utf8"),
);

/** Where `module` resolves from `from`'s folder, links followed. */
function resolvedFrom(from: string, module: string): string {
  return realpathSync(createRequire(from).resolve(module));
}

describe("the AWS SDK's XML parser, patched for speed", () => {
  it("is the copy the SDK itself parses with, and it carries the patch", () => {
    const ours = resolvedFrom(import.meta.url, "@aws-sdk/xml-builder");
    // The EC2 client parses through @aws-sdk/core, which imports the parser.
    const core = resolvedFrom(resolvedFrom(import.meta.url, "@aws-sdk/client-ec2"), "@aws-sdk/core");
    expect(resolvedFrom(core, "@aws-sdk/xml-builder")).toBe(ours);
    expect(readFileSync(ours, "utf8")).toContain("Patched (Portcullis)");
  });

  it("is checked against the whole corpus", () => {
    expect(golden.map((entry) => entry.xml)).toEqual(xmlCorpus());
  });

  it.each(golden.map((entry, index) => [index, entry] as const))(
    "parses document %i as the unpatched parser did",
    (_, { xml, outcome }) => {
      expect(parseOutcome(parseXML, xml)).toBe(outcome);
    },
  );
});
