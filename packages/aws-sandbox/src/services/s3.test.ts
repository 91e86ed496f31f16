import {
  GetBucketLocationCommand,
  GetBucketTaggingCommand,
  ListBucketsCommand,
  paginateListBuckets,
  S3Client,
} from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Sandbox, startSandbox } from "../server/start-sandbox.ts";
import { clientConfig } from "../test-support/clients.ts";
import { MEMBER_KEY, testScenario } from "../test-support/test-scenario.ts";

let sandbox: Sandbox;
let s3: S3Client;
beforeAll(async () => {
  sandbox = await startSandbox({ scenario: testScenario() });
  s3 = new S3Client({ ...clientConfig(sandbox), forcePathStyle: true });
});
afterAll(() => sandbox.close());

describe("S3", () => {
  it("ListBuckets lists the caller's buckets sorted by name", async () => {
    const result = await s3.send(new ListBucketsCommand({}));
    const names = result.Buckets!.map((b) => b.Name);
    expect(names).toHaveLength(10);
    expect(names).toEqual([...names].sort());
    expect(result.Buckets!.find((b) => b.Name === "mgmt-tagged")).toMatchObject({
      BucketRegion: "eu-west-1",
    });
    expect(result.Buckets![0]!.CreationDate).toBeInstanceOf(Date);
    expect(result.Owner?.ID).toMatch(/^[a-z2-7]{64}$/);
  });

  it("pages ListBuckets with MaxBuckets/ContinuationToken", async () => {
    const names: string[] = [];
    for await (const page of paginateListBuckets({ client: s3, pageSize: 3 }, {})) {
      expect(page.Buckets!.length).toBeLessThanOrEqual(3);
      names.push(...page.Buckets!.map((b) => b.Name!));
    }
    expect(names).toHaveLength(10);
    const filtered = await s3.send(
      new ListBucketsCommand({ Prefix: "mgmt-bulk-", BucketRegion: "us-east-1" }),
    );
    expect(filtered.Buckets).toHaveLength(8);
  });

  it("GetBucketTagging returns the tag set, or NoSuchTagSet", async () => {
    const tagged = await s3.send(new GetBucketTaggingCommand({ Bucket: "mgmt-tagged" }));
    expect(tagged.TagSet).toEqual([
      { Key: "owner", Value: "alice@example.com" },
      { Key: "env", Value: "prod" },
    ]);
    await expect(s3.send(new GetBucketTaggingCommand({ Bucket: "mgmt-untagged" }))).rejects.toMatchObject({
      name: "NoSuchTagSet",
      $metadata: { httpStatusCode: 404 },
    });
  });

  it("GetBucketLocation is empty for us-east-1", async () => {
    expect((await s3.send(new GetBucketLocationCommand({ Bucket: "mgmt-tagged" }))).LocationConstraint).toBe(
      "eu-west-1",
    );
    const east = await s3.send(new GetBucketLocationCommand({ Bucket: "mgmt-untagged" }));
    expect(east.LocationConstraint ?? "").toBe("");
  });

  it("refuses other accounts' buckets and reports missing ones", async () => {
    await expect(s3.send(new GetBucketTaggingCommand({ Bucket: "member-bucket" }))).rejects.toMatchObject({
      name: "AccessDenied",
      $metadata: { httpStatusCode: 403 },
    });
    await expect(s3.send(new GetBucketLocationCommand({ Bucket: "no-such-bucket" }))).rejects.toMatchObject({
      name: "NoSuchBucket",
    });
    const member = new S3Client({
      ...clientConfig(sandbox, { credentials: MEMBER_KEY }),
      forcePathStyle: true,
    });
    expect((await member.send(new GetBucketTaggingCommand({ Bucket: "member-bucket" }))).TagSet).toHaveLength(
      1,
    );
  });

  it("answers InvalidAccessKeyId for unknown keys", async () => {
    const client = new S3Client({
      ...clientConfig(sandbox, { credentials: { accessKeyId: "AKIANOPE", secretAccessKey: "x" } }),
      forcePathStyle: true,
    });
    await expect(client.send(new ListBucketsCommand({}))).rejects.toMatchObject({
      name: "InvalidAccessKeyId",
      $metadata: { httpStatusCode: 403 },
    });
  });
});
