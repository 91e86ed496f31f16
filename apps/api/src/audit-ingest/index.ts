// The audit ingest's public face (issue #19 §1): the AWS side of reading what granted sessions
// did, from CloudTrail. Like discovery/ and granting/, it never imports modules/.
export { type ActivityStore, activityStore } from "./activity-store.ts";
export { type IngestDeps, type IngestReport, runActivityIngest } from "./ingest-runner.ts";
export { CLOUDTRAIL_RETENTION_MS, nextWindow } from "./ingest-window.ts";
