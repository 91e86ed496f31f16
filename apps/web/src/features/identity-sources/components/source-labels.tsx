import { Badge } from "@mantine/core";
import type { TIdentitySource, TIdentitySourceType } from "@portcullis/shared";

export const SOURCE_TYPE_LABELS: Record<TIdentitySourceType, string> = {
  scim: "SCIM 2.0",
  "built-in": "Built-in",
  "iam-identity-center": "AWS IAM Identity Center",
  demo: "Demo",
};

const STATUS = {
  pending: { label: "Nothing provisioned yet", color: "yellow" },
  active: { label: "Active", color: "green" },
} as const;

export function SourceStatusBadge({ status }: { status: TIdentitySource["status"] }) {
  return (
    <Badge variant="light" color={STATUS[status].color}>
      {STATUS[status].label}
    </Badge>
  );
}

export function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString()} ${count === 1 ? one : many}`;
}
