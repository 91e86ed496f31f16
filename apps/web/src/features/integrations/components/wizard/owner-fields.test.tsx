import { screen, waitFor, within } from "@testing-library/react";
import { FormProvider, useForm, useWatch } from "react-hook-form";
import { describe, expect, it } from "vitest";
import { stubApi } from "../../../../test/fake-api.ts";
import { DIRECTORY } from "../../../../test/fixtures.ts";
import { renderWithApp } from "../../../../test/render.tsx";
import { OwnerFields } from "./owner-fields.tsx";
import { emptyWizardValues, type WizardValues } from "./wizard-values.ts";

const OKTA = { id: "okta-main", name: "Okta", type: "okta" };
const USERS = [
  { id: "u1", email: "alice@portcullis.dev", name: "Alice Martin", provider_id: DIRECTORY.id },
  { id: "u2", email: "bob@portcullis.dev", name: "Bob Nguyen", provider_id: DIRECTORY.id },
];

/** The owner settings in a form of their own, with what the form holds shown as JSON. */
function OwnerForm() {
  const form = useForm<WizardValues>({ defaultValues: emptyWizardValues("aws-account") });
  const owner = useWatch({ control: form.control, name: "owner" });
  const mapping = useWatch({ control: form.control, name: "owners_mapping" });
  return (
    <FormProvider {...form}>
      <OwnerFields />
      <output aria-label="owner">{JSON.stringify(owner)}</output>
      <output aria-label="owners_mapping">{JSON.stringify(mapping)}</output>
    </FormProvider>
  );
}

function stubDirectory(providers = [DIRECTORY]) {
  return stubApi({
    "GET /api/admin/identity-providers": () => ({ items: providers }),
    "GET /api/admin/directory/users": (url) => {
      const search = (url.searchParams.get("search") ?? "").toLowerCase();
      return { items: USERS.filter((user) => user.name.toLowerCase().includes(search)) };
    },
    "GET /api/admin/directory/groups": () => ({
      items: [{ id: "g1", name: "platform", member_count: 3, provider_id: DIRECTORY.id }],
    }),
  });
}

const formValue = (name: string) => JSON.parse(screen.getByLabelText(name).textContent ?? "null");

describe("Integration Owner picker", () => {
  it("picks users of the chosen provider, searched as one types", async () => {
    const api = stubDirectory();
    const { user } = renderWithApp(<OwnerForm />);
    const section = await screen.findByRole("region", { name: "Integration Owner (Optional)" });

    await user.click(within(section).getByRole("combobox", { name: "Integration owner attribute" }));
    await user.click(await screen.findByRole("option", { name: "User" }));
    expect(formValue("owner")).toEqual({
      attribute_type: "user",
      source_integration_reference: DIRECTORY.id,
      attribute_value: [],
    });

    const values = within(section).getByRole("combobox", { name: /Value/ });
    const searches = () =>
      api.requests
        .filter((url) => url.pathname === "/api/admin/directory/users")
        .map((url) => [url.searchParams.get("provider_id"), url.searchParams.get("search")]);
    await user.type(values, "bob");
    // The list shows what the server found for the search (after the debounce), not the first page.
    await waitFor(() => expect(searches()).toContainEqual([DIRECTORY.id, "bob"]));
    await waitFor(() => expect(screen.queryByRole("option", { name: /Alice Martin/ })).toBeNull());
    await user.click(screen.getByRole("option", { name: /Bob Nguyen/ }));
    expect(formValue("owner").attribute_value).toEqual(["bob@portcullis.dev"]);
    // A picked person keeps their name once the search no longer returns them.
    await user.clear(values);
    await user.type(values, "alice");
    await waitFor(() => expect(searches()).toContainEqual([DIRECTORY.id, "alice"]));
    await user.click(await screen.findByRole("option", { name: /Alice Martin/ }));
    expect(formValue("owner").attribute_value).toEqual(["bob@portcullis.dev", "alice@portcullis.dev"]);
    expect(within(section).getByText("Bob Nguyen")).toBeInTheDocument();
  });

  it("names the provider beside User and Group when there are several, and starts again on a new one", async () => {
    stubDirectory([DIRECTORY, OKTA]);
    const { user } = renderWithApp(<OwnerForm />);
    const section = await screen.findByRole("region", { name: "Integration Owner (Optional)" });
    const attribute = within(section).getByRole("combobox", { name: "Integration owner attribute" });

    await user.click(attribute);
    await user.click(await screen.findByRole("option", { name: "Group (Portcullis Directory)" }));
    const values = within(section).getByRole("combobox", { name: /Value/ });
    await user.click(values);
    await user.click(await screen.findByRole("option", { name: /platform/ }));
    expect(formValue("owner").attribute_value).toEqual(["platform"]);

    await user.click(attribute);
    await user.click(await screen.findByRole("option", { name: "User (Okta)" }));
    expect(formValue("owner")).toEqual({
      attribute_type: "user",
      source_integration_reference: OKTA.id,
      attribute_value: [],
    });
  });
});

describe("Every source", () => {
  it("offers users of every source when there are several: no source is saved, the search spans all", async () => {
    const api = stubDirectory([DIRECTORY, OKTA]);
    const { user } = renderWithApp(<OwnerForm />);
    const section = await screen.findByRole("region", { name: "Integration Owner (Optional)" });
    await user.click(within(section).getByRole("combobox", { name: "Integration owner attribute" }));
    await user.click(await screen.findByRole("option", { name: "User (Every source)" }));
    expect(formValue("owner")).toEqual({
      attribute_type: "user",
      source_integration_reference: null,
      attribute_value: [],
    });
    // Saved without a source, the setting reads back as every source (not as the first source).
    expect(within(section).getByRole("combobox", { name: "Integration owner attribute" })).toHaveValue(
      "User (Every source)",
    );
    await user.type(within(section).getByRole("combobox", { name: /Value/ }), "bob");
    await waitFor(() =>
      expect(
        api.requests.some(
          (url) =>
            url.pathname === "/api/admin/directory/users" &&
            url.searchParams.get("search") === "bob" &&
            !url.searchParams.has("provider_id"),
        ),
      ).toBe(true),
    );
  });
});

describe("Every source, where sources share a group name", () => {
  it("shows the Value picker with one option per name, saying which sources have it", async () => {
    // What the organization wizard's e2e met: "Group (Every source)" found a group of the same
    // name in two sources, the picker got two options with one value, and Mantine threw.
    stubApi({
      "GET /api/admin/identity-providers": () => ({ items: [DIRECTORY, OKTA] }),
      "GET /api/admin/directory/groups": (url) => ({
        items: url.searchParams.has("provider_id")
          ? []
          : [
              {
                id: "g1",
                name: "Platform",
                member_count: 3,
                provider_id: DIRECTORY.id,
                provider_name: DIRECTORY.name,
              },
              { id: "g2", name: "Platform", member_count: 1, provider_id: OKTA.id, provider_name: OKTA.name },
            ],
      }),
    });
    const { user } = renderWithApp(<OwnerForm />);
    const section = await screen.findByRole("region", { name: "Integration Owner (Optional)" });
    await user.click(within(section).getByRole("combobox", { name: "Integration owner attribute" }));
    await user.click(await screen.findByRole("option", { name: "Group (Every source)" }));
    await user.type(within(section).getByRole("combobox", { name: /Value/ }), "Plat");
    const options = await screen.findAllByRole("option", { name: /Platform/ });
    expect(options).toHaveLength(1);
    expect(options[0]).toHaveTextContent(`3 members (${DIRECTORY.name}); 1 member (Okta)`);
    await user.click(options[0]!);
    expect(formValue("owner")).toEqual({
      attribute_type: "group",
      source_integration_reference: null,
      attribute_value: ["Platform"],
    });
  });
});

describe("Owner attribute dropdowns", () => {
  it("have distinct accessible names, each naming its owner, beside the documentation's label", async () => {
    stubDirectory();
    renderWithApp(<OwnerForm />);
    await screen.findByRole("region", { name: "Resource Owner (Optional)" });
    const names = screen
      .getAllByRole("combobox")
      .map((box) => box.getAttribute("aria-label") ?? "")
      .filter((name) => /attribute/i.test(name));
    expect(names).toEqual(["Integration owner attribute", "Resource owner attribute"]);
    expect(screen.queryByRole("combobox", { name: "Attribute" })).toBeNull();
    expect(screen.getAllByText("Attribute")).toHaveLength(2);
  });
});

describe("Resource Owner picker", () => {
  it("asks for an Integration Owner, and moves focus to it", async () => {
    stubDirectory();
    const { user } = renderWithApp(<OwnerForm />);
    const section = await screen.findByRole("region", { name: "Resource Owner (Optional)" });
    expect(screen.queryByTestId("owner-rule")).toBeNull();

    await user.type(within(section).getByRole("textbox", { name: "Key name" }), "owner");
    await user.click(within(section).getByRole("combobox", { name: "Resource owner attribute" }));
    await user.click(await screen.findByRole("option", { name: "User" }));
    expect(formValue("owners_mapping")).toEqual({
      key_name: "owner",
      attribute_type: "user",
      source_integration_reference: DIRECTORY.id,
    });

    const rule = screen.getByTestId("owner-rule");
    await user.click(within(rule).getByRole("button", { name: "Define the integration owner" }));
    const ownerSection = screen.getByRole("region", { name: "Integration Owner (Optional)" });
    await waitFor(() =>
      expect(
        within(ownerSection).getByRole("combobox", { name: "Integration owner attribute" }),
      ).toHaveFocus(),
    );
  });

  it("clears the mapping when its key and attribute are emptied", async () => {
    stubDirectory();
    const { user } = renderWithApp(<OwnerForm />);
    const section = await screen.findByRole("region", { name: "Resource Owner (Optional)" });
    const key = within(section).getByRole("textbox", { name: "Key name" });
    await user.type(key, "team");
    expect(formValue("owners_mapping")).toMatchObject({ key_name: "team" });
    await user.clear(key);
    expect(formValue("owners_mapping")).toBeNull();
  });
});

describe("OwnerFields", () => {
  it("says when the identity providers cannot be loaded, and tries again", async () => {
    let fail = true;
    stubApi({
      "GET /api/admin/identity-providers": () => {
        if (fail) throw new Error("down");
        return { items: [DIRECTORY] };
      },
    });
    const { user } = renderWithApp(<OwnerForm />);
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("The identity providers could not be loaded");
    fail = false;
    await user.click(within(alert).getByRole("button", { name: "Try again" }));
    expect(await screen.findByRole("region", { name: "Integration Owner (Optional)" })).toBeInTheDocument();
  });
});
