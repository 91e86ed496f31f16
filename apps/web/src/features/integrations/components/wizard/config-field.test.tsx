import { CONFIG_FIELDS, type TIntegrationType } from "@portcullis/shared";
import { screen, within } from "@testing-library/react";
import { FormProvider, useForm, useWatch } from "react-hook-form";
import { describe, expect, it } from "vitest";
import { renderWithApp } from "../../../../test/render.tsx";
import { ConfigField } from "./config-field.tsx";
import { emptyWizardValues, type WizardValues } from "./wizard-values.ts";

/** Every setting of a type, drawn from its shared definition, with the config as JSON. */
function ConfigForm({ type }: { type: TIntegrationType }) {
  const form = useForm<WizardValues>({ defaultValues: emptyWizardValues(type) });
  const config = useWatch({ control: form.control, name: "integration_config" });
  const fields = Object.values(CONFIG_FIELDS).filter((field) => field.id in config);
  return (
    <FormProvider {...form}>
      {fields.map((field) => (
        <ConfigField key={field.id} param={field} />
      ))}
      <output aria-label="config">{JSON.stringify(config)}</output>
    </FormProvider>
  );
}

const config = () => JSON.parse(screen.getByLabelText("config").textContent ?? "{}");

describe("ConfigField", () => {
  it("draws each kind of setting with its own input", async () => {
    const { user } = renderWithApp(<ConfigForm type="aws-account" />);
    // region: a searchable list of regions
    await user.click(screen.getByRole("combobox", { name: /^Region/ }));
    await user.click(await screen.findByRole("option", { name: /^eu-west-1/ }));
    // boolean: a switch writing "true"/"false"
    await user.click(screen.getByRole("switch", { name: /Enable Audit/ }));
    // days: a number with its unit
    const days = screen.getByRole("textbox", { name: /Credential Rotation/ });
    expect(days).toHaveAttribute("inputmode", "numeric");
    expect(within(days.parentElement as HTMLElement).getByText("days")).toBeInTheDocument();
    await user.type(days, "30");
    // text: the default shown as written
    expect(screen.getByRole("textbox", { name: /AWS Profile Name/ })).toHaveValue("apono");

    expect(config()).toEqual({
      region: "eu-west-1",
      profile: "apono",
      enable_audit: "true",
      credentials_rotation_period_in_days: "30",
      credentials_cleanup_period_in_days: "",
    });
  });

  it("reads an OU list back as separate ids, marking the invalid ones", async () => {
    const { user } = renderWithApp(<ConfigForm type="aws-organization" />);
    await user.type(
      screen.getByRole("textbox", { name: /Exclude Organization Unit IDs/ }),
      "ou-p0rt-sbx00001, ou-aaa1-1111",
    );
    const ids = screen.getByRole("list", { name: "Organization unit IDs as read" });
    const items = within(ids).getAllByRole("listitem");
    expect(items.map((item) => item.textContent)).toEqual(["ou-p0rt-sbx00001", "ou-aaa1-1111 ✕"]);
  });
});
