import { SELECT_RESOURCE_TYPE_MESSAGE } from "@portcullis/shared";
import { screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { ApiError } from "../../../../lib/api-client.ts";
import { stubApi } from "../../../../test/fake-api.ts";
import { savedAccountIntegration, WIZARD_ROUTES } from "../../../../test/fixtures.ts";
import { renderWithApp } from "../../../../test/render.tsx";
import { IntegrationWizard, type WizardOutput } from "./integration-wizard.tsx";

const panel = (step: string) => screen.queryByTestId(`wizard-panel-${step}`);
/** The control opening a step (its title and, once visited, what was chosen in it). */
const stepHeader = (step: string) =>
  within(screen.getByTestId(`wizard-step-${step}`)).getAllByRole("button")[0] as HTMLElement;

function renderEditWizard(onSubmit: (body: WizardOutput) => Promise<void>) {
  return renderWithApp(
    <IntegrationWizard
      type="aws-account"
      integration={savedAccountIntegration()}
      submitLabel="Save changes"
      onSubmit={onSubmit}
    />,
  );
}

/** Opens the Confirm step of the edit wizard and saves. */
async function save(user: ReturnType<typeof renderEditWizard>["user"]) {
  await user.click(stepHeader("confirm"));
  const confirm = await screen.findByTestId("wizard-panel-confirm");
  await user.click(within(confirm).getByRole("button", { name: "Save changes" }));
}

beforeEach(() => {
  stubApi(WIZARD_ROUTES);
});

describe("IntegrationWizard: step validation", () => {
  it("keeps a step open with its error until it is valid, then opens the next", async () => {
    const onSubmit = vi.fn(async () => {});
    const { user } = renderWithApp(
      <IntegrationWizard type="aws-account" submitLabel="Confirm" onSubmit={onSubmit} />,
    );
    const resourceTypes = panel("resource-types") as HTMLElement;

    await user.click(within(resourceTypes).getByRole("button", { name: "Next" }));
    expect(await within(resourceTypes).findByText(SELECT_RESOURCE_TYPE_MESSAGE)).toBeInTheDocument();
    expect(panel("connector")).toBeNull();
    // Focus goes to the invalid field.
    await waitFor(() =>
      expect(within(resourceTypes).getByRole("checkbox", { name: /IAM role/ })).toHaveFocus(),
    );
    // Later steps cannot be opened before this one is valid.
    expect(stepHeader("connector")).toBeDisabled();

    await user.click(within(resourceTypes).getByRole("checkbox", { name: /IAM role/ }));
    // Fixing the field clears its error as it changes.
    await waitFor(() => expect(within(resourceTypes).queryByText(SELECT_RESOURCE_TYPE_MESSAGE)).toBeNull());
    await user.click(within(resourceTypes).getByRole("button", { name: "Next" }));
    expect(await screen.findByTestId("wizard-panel-connector")).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("checks a step's fields before another step opens (edit mode)", async () => {
    const { user } = renderEditWizard(vi.fn(async () => {}));
    await user.click(stepHeader("integration-config"));
    const config = await screen.findByTestId("wizard-panel-integration-config");
    const name = within(config).getByRole("textbox", { name: /Integration Name/ });
    await user.clear(name);

    await user.click(within(config).getByRole("button", { name: "Next" }));
    expect(await within(config).findByText("Enter a name.")).toBeInTheDocument();
    expect(panel("get-more")).toBeNull();
    await waitFor(() => expect(name).toHaveFocus());

    await user.type(name, "Staging account");
    await user.click(within(config).getByRole("button", { name: "Next" }));
    expect(await screen.findByTestId("wizard-panel-get-more")).toBeInTheDocument();
  });

  it("checks the Credential Rotation days with the shared schema", async () => {
    const { user } = renderEditWizard(vi.fn(async () => {}));
    await user.click(stepHeader("get-more"));
    const more = await screen.findByTestId("wizard-panel-get-more");
    const days = within(more).getByRole("textbox", { name: /Credential Rotation/ });
    await user.clear(days);
    await user.type(days, "0");
    await user.click(within(more).getByRole("button", { name: "Next" }));
    expect(
      await within(more).findByText("Credential Rotation must be a whole number of days, 1 or more."),
    ).toBeInTheDocument();
    expect(panel("confirm")).toBeNull();
  });
});

describe("IntegrationWizard: server errors", () => {
  it("puts a field's error under it and reopens its step, focused", async () => {
    const message = 'An integration named "Prod account" already exists. Choose another name.';
    const onSubmit = vi.fn(async () => {
      throw new ApiError({ status: 409, error: "Conflict", message, issues: [{ path: "name", message }] });
    });
    const { user } = renderEditWizard(onSubmit);
    await save(user);

    expect(onSubmit).toHaveBeenCalledTimes(1);
    const config = await screen.findByTestId("wizard-panel-integration-config");
    expect(panel("confirm")).toBeNull();
    const name = within(config).getByRole("textbox", { name: /Integration Name/ });
    expect(within(config).getByText(message)).toBeInTheDocument();
    expect(name).toHaveAttribute("aria-invalid", "true");
    await waitFor(() => expect(name).toHaveFocus());

    // The server's verdict stays while the value is the one it judged, and goes once it changes.
    await user.tab();
    expect(within(config).getByText(message)).toBeInTheDocument();
    await user.type(name, " 2");
    await waitFor(() => expect(within(config).queryByText(message)).toBeNull());
  });

  it("reopens the earliest step holding a rejected field", async () => {
    const onSubmit = vi.fn(async () => {
      throw new ApiError({
        status: 400,
        error: "Bad Request",
        message: "The integration has 2 invalid fields.",
        issues: [
          { path: "integration_config.credentials_rotation_period_in_days", message: "Too long for us." },
          { path: "connected_resource_types", message: "This resource type is not available." },
        ],
      });
    });
    const { user } = renderEditWizard(onSubmit);
    await save(user);
    const resourceTypes = await screen.findByTestId("wizard-panel-resource-types");
    expect(within(resourceTypes).getByText("This resource type is not available.")).toBeInTheDocument();

    // The other field's error waits on its own step.
    await user.click(stepHeader("get-more"));
    const more = await screen.findByTestId("wizard-panel-get-more");
    expect(within(more).getByText("Too long for us.")).toBeInTheDocument();
  });

  it("shows errors no step holds, and failures without fields, on the Confirm step", async () => {
    const onSubmit = vi
      .fn<(body: WizardOutput) => Promise<void>>()
      .mockRejectedValueOnce(
        new ApiError({
          status: 400,
          error: "Bad Request",
          message: "The integration is not valid.",
          issues: [{ path: "", message: 'Remove the field "x": it is not part of an integration.' }],
        }),
      )
      .mockRejectedValueOnce(
        new ApiError({ status: 0, error: "Network Error", message: "Portcullis could not be reached." }),
      );
    const { user } = renderEditWizard(onSubmit);
    await save(user);
    const confirm = panel("confirm") as HTMLElement;
    const alert = await within(confirm).findByRole("alert");
    expect(alert).toHaveTextContent("The integration could not be saved");
    expect(alert).toHaveTextContent('Remove the field "x": it is not part of an integration.');

    await user.click(within(confirm).getByRole("button", { name: "Save changes" }));
    await waitFor(() =>
      expect(within(confirm).getByRole("alert")).toHaveTextContent("Portcullis could not be reached."),
    );
    expect(panel("confirm")).not.toBeNull();
  });

  it("sends the body the shared schema parsed", async () => {
    const onSubmit = vi.fn(async (_body: WizardOutput) => {});
    const { user } = renderEditWizard(onSubmit);
    await save(user);
    await waitFor(() => expect(onSubmit).toHaveBeenCalledTimes(1));
    expect(onSubmit.mock.calls[0]?.[0]).toMatchObject({
      name: "Prod account",
      connector_id: "aws-sandbox",
      connected_resource_types: ["aws-account-iam-role"],
      integration_config: {
        region: "eu-west-1",
        profile: "apono",
        credentials_rotation_period_in_days: "30",
      },
    });
  });
});
