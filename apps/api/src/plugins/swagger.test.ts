import { readFileSync } from "node:fs";
import { API_ERROR_CODES } from "@portcullis/shared";
import { describe, expect, it } from "vitest";
import { errorCodesMarkdown } from "./swagger.ts";

const README = readFileSync(new URL("../../../../README.md", import.meta.url), "utf8");

describe("error code documentation", () => {
  it.each(Object.entries(API_ERROR_CODES))(
    "lists %s with its status in the OpenAPI description and the README",
    (code, { status }) => {
      const row = `| \`${code}\` | ${status} |`;
      expect(errorCodesMarkdown()).toContain(row);
      expect(README).toContain(row);
    },
  );
});
