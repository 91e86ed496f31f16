import { Stack } from "@mantine/core";
import { INTEGRATION_CATALOG, type TIntegrationType } from "@portcullis/shared";
import { ConfigField } from "./config-field.tsx";
import { CustomAccessDetailsField } from "./custom-access-details-field.tsx";
import { OwnerFields } from "./owner-fields.tsx";

export function GetMoreStep({ type }: { type: TIntegrationType }) {
  const params = INTEGRATION_CATALOG[type].params.filter((param) => param.step === "get-more");
  return (
    <Stack gap="lg">
      {params.map((param) => (
        <ConfigField key={param.id} param={param} />
      ))}
      <CustomAccessDetailsField type={type} />
      <OwnerFields />
    </Stack>
  );
}
