import { screen } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it, vi } from "vitest";
import { renderWithApp } from "../test/render.tsx";
import { ConfirmDeleteModal } from "./confirm-delete-modal.tsx";

const idle = { isPending: false, error: null, reset: () => {} };

/** A caller that clears its item (and so the title) before the modal has gone. */
function Confirm() {
  const [title, setTitle] = useState("Delete group platform?");
  return (
    <>
      <button type="button" onClick={() => setTitle("")}>
        Forget the item
      </button>
      <ConfirmDeleteModal
        opened
        title={title}
        confirmLabel="Delete group"
        mutation={idle}
        onConfirm={vi.fn()}
        onClose={vi.fn()}
      >
        Its members stay.
      </ConfirmDeleteModal>
    </>
  );
}

describe("ConfirmDeleteModal", () => {
  it("keeps its name while it closes, after the caller has cleared the item", async () => {
    // Callers pass `item ? "Delete …?" : ""`: the item is cleared first, the fade-out follows.
    const { user } = renderWithApp(<Confirm />);
    expect(screen.getByRole("dialog", { name: "Delete group platform?" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Forget the item", hidden: true }));
    expect(screen.getByRole("dialog", { name: "Delete group platform?" })).toBeInTheDocument();
  });
});
