import { screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { renderWithApp } from "../../../test/render.tsx";
import { EVERY_SOURCE, useDirectorySearch } from "./directory.ts";

const SOURCE_ID = "5d1c1a52-0a8e-4c53-9f8a-5b7d2d0c6a11";

/** Answers the user search with one person, recording each request's query string. */
function stubSearch() {
  const queries: URLSearchParams[] = [];
  vi.stubGlobal("fetch", async (input: string) => {
    const url = new URL(input, "http://portcullis.test");
    queries.push(url.searchParams);
    const items = [{ id: "p1", email: "ada@example.com", name: "Ada", provider_id: SOURCE_ID }];
    return new Response(JSON.stringify({ items }), {
      status: 200,
      headers: { "content-type": "application/json" },
    });
  });
  return queries;
}

function Picker({ providerId }: { providerId: string }) {
  const results = useDirectorySearch(providerId, "user", "ad");
  return <p>{results.data ? results.data.map((option) => option.label).join(", ") : "…"}</p>;
}

afterEach(() => vi.unstubAllGlobals());

describe("useDirectorySearch", () => {
  it("searches every source for EVERY_SOURCE (no provider_id), one source for its id", async () => {
    const queries = stubSearch();
    renderWithApp(<Picker providerId={EVERY_SOURCE} />);
    expect(await screen.findByText("Ada")).toBeInTheDocument();
    expect(queries[0]?.has("provider_id")).toBe(false);
    expect(queries[0]?.get("search")).toBe("ad");
  });

  it("names the chosen source when one is picked", async () => {
    const queries = stubSearch();
    renderWithApp(<Picker providerId={SOURCE_ID} />);
    expect(await screen.findByText("Ada")).toBeInTheDocument();
    expect(queries[0]?.get("provider_id")).toBe(SOURCE_ID);
  });
});
