import { screen } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { renderWithApp } from "../test/render.tsx";
import { KeysetPager, useKeysetPages } from "./keyset-pager.tsx";

/** A list of `total` items served 20 a page, with tokens "t2", "t3", … for the next pages. */
function PagedList({ total }: { total: number }) {
  const [filter, setFilter] = useState("all");
  const pages = useKeysetPages(filter);
  const pageSize = 20;
  const first = pages.pageIndex * pageSize;
  const shown = Math.min(pageSize, total - first);
  const hasNext = first + shown < total;
  return (
    <>
      <output aria-label="Page token">{pages.pageToken ?? "first"}</output>
      <button type="button" onClick={() => setFilter("s3")}>
        Filter
      </button>
      <KeysetPager
        pages={pages}
        pageSize={pageSize}
        shown={shown}
        pagination={{ total, next_page_token: hasNext ? `t${pages.pageIndex + 2}` : null }}
      />
    </>
  );
}

describe("KeysetPager", () => {
  it("walks forward with the next token and back through the tokens walked", async () => {
    const { user } = renderWithApp(<PagedList total={45} />);
    const previous = screen.getByRole("button", { name: "Previous" });
    const next = screen.getByRole("button", { name: "Next" });
    expect(screen.getByText("1–20 of 45")).toBeInTheDocument();
    expect(previous).toBeDisabled();

    await user.click(next);
    expect(screen.getByText("21–40 of 45")).toBeInTheDocument();
    expect(screen.getByLabelText("Page token")).toHaveTextContent("t2");
    expect(previous).toBeEnabled();

    await user.click(next);
    expect(screen.getByText("41–45 of 45")).toBeInTheDocument();
    expect(screen.getByLabelText("Page token")).toHaveTextContent("t3");
    expect(next).toBeDisabled();

    await user.click(previous);
    expect(screen.getByText("21–40 of 45")).toBeInTheDocument();
    expect(screen.getByLabelText("Page token")).toHaveTextContent("t2");
  });

  it("starts again from the first page when the filter changes", async () => {
    const { user } = renderWithApp(<PagedList total={45} />);
    await user.click(screen.getByRole("button", { name: "Next" }));
    expect(screen.getByLabelText("Page token")).toHaveTextContent("t2");

    await user.click(screen.getByRole("button", { name: "Filter" }));
    expect(screen.getByLabelText("Page token")).toHaveTextContent("first");
    expect(screen.getByText("1–20 of 45")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Previous" })).toBeDisabled();
  });

  it("has no Next on a single page", () => {
    renderWithApp(<PagedList total={7} />);
    expect(screen.getByText("1–7 of 7")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Next" })).toBeDisabled();
  });
});
