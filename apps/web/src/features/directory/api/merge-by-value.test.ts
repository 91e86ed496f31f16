import { describe, expect, it } from "vitest";
import { mergeByValue } from "./directory.ts";

describe("mergeByValue", () => {
  it("keeps one option per value, with every source's description", () => {
    expect(
      mergeByValue([
        { value: "Platform", label: "Platform", description: "3 members (Directory)" },
        { value: "Platform", label: "Platform", description: "1 member (Okta)" },
        { value: "Security", label: "Security", description: "2 members (Okta)" },
      ]),
    ).toEqual([
      { value: "Platform", label: "Platform", description: "3 members (Directory); 1 member (Okta)" },
      { value: "Security", label: "Security", description: "2 members (Okta)" },
    ]);
  });

  it("names a person by every name the sources give them, each once", () => {
    expect(
      mergeByValue([
        { value: "bob@example.com", label: "Bob Baker", description: "bob@example.com (Org)" },
        { value: "bob@example.com", label: "Bob Nguyen", description: "bob@example.com (Demo)" },
        { value: "bob@example.com", label: "Bob Baker", description: "bob@example.com (Okta)" },
      ]),
    ).toEqual([
      {
        value: "bob@example.com",
        label: "Bob Baker / Bob Nguyen",
        description: "bob@example.com (Org); bob@example.com (Demo); bob@example.com (Okta)",
      },
    ]);
  });
});
