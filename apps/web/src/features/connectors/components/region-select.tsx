import { Select, type SelectProps } from "@mantine/core";
import { AWS_REGIONS, awsRegionLabel } from "@portcullis/shared";

const REGION_OPTIONS = AWS_REGIONS.map((region) => ({
  value: region.code,
  label: awsRegionLabel(region.code),
}));

/** A searchable list of AWS regions ("us-east-1 — US East (N. Virginia)"). */
export function RegionSelect(props: Omit<SelectProps, "data">) {
  return (
    <Select
      searchable
      data={REGION_OPTIONS}
      nothingFoundMessage="No region matches"
      placeholder="Search regions"
      maxDropdownHeight={280}
      comboboxProps={{ withinPortal: true }}
      {...props}
    />
  );
}
