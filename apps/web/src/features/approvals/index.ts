// What app/ uses from approvals: whether to show the Approvals tab.
export { useIsApprover } from "./api/approvals.ts";
