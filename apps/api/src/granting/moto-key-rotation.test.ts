import {
  CreateAccessKeyCommand,
  CreateUserCommand,
  IAMClient,
  PutUserPolicyCommand,
  UpdateAccessKeyCommand,
} from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createReplacementKey,
  deleteManagedUser,
  KeyToKeepMissing,
  listAccessKeys,
  retireKeysExcept,
} from "./key-rotation.ts";
import { MANAGED_USER_PATH } from "./managed-user-name.ts";
import { findMotoServer, type MotoServer, startMotoServer } from "./testing/moto-server.ts";

// The IAM key calls of rotation and cleanup, unchanged, against moto: the same requests and
// answers AWS's IAM API gives (key status, the two-keys limit, DeleteConflict on a user with keys).

const MOTO = findMotoServer();
const REGION = "us-east-1";
const KEY = { accessKeyId: "AKIAMOTOTESTING", secretAccessKey: "moto-testing" };

let moto: MotoServer;
let iam: IAMClient;

describe.skipIf(!MOTO)(
  `key rotation against moto_server (${MOTO ?? "skipped: moto_server not found (set MOTO_SERVER or put it on PATH)"})`,
  () => {
    beforeAll(async () => {
      moto = await startMotoServer(MOTO!);
      iam = new IAMClient({ endpoint: moto.url, region: REGION, credentials: KEY, maxAttempts: 1 });
    }, 120_000);
    afterAll(async () => {
      iam?.destroy();
      await moto?.close();
    });

    const managedUser = async (name: string) => {
      await iam.send(new CreateUserCommand({ UserName: name, Path: MANAGED_USER_PATH }));
      const key = (await iam.send(new CreateAccessKeyCommand({ UserName: name }))).AccessKey!;
      return key.AccessKeyId!;
    };
    const statuses = async (name: string) =>
      (await listAccessKeys(iam, name)).map((k) => `${k.accessKeyId}:${k.status}`).sort();

    it("rotates within two keys: create next to the old one, deactivate and delete the old one", async () => {
      const old = await managedUser("portcullis-rotate");
      const fresh = await createReplacementKey(iam, "portcullis-rotate", [old]);
      expect(fresh.secretAccessKey).toBeTruthy();
      expect(await statuses("portcullis-rotate")).toEqual(
        [`${old}:Active`, `${fresh.accessKeyId}:Active`].sort(),
      );
      expect(await retireKeysExcept(iam, "portcullis-rotate", fresh.accessKeyId)).toEqual([old]);
      expect(await statuses("portcullis-rotate")).toEqual([`${fresh.accessKeyId}:Active`]);
      expect(await retireKeysExcept(iam, "portcullis-rotate", fresh.accessKeyId)).toEqual([]);
    });

    it("replaces a key whose secret was lost, and refuses a third key", async () => {
      const old = await managedUser("portcullis-lost");
      const lost = await createReplacementKey(iam, "portcullis-lost", [old]);
      const fresh = await createReplacementKey(iam, "portcullis-lost", [old]);
      const listed = await statuses("portcullis-lost");
      expect(listed).toHaveLength(2);
      expect(listed.join()).not.toContain(lost.accessKeyId);
      await expect(createReplacementKey(iam, "portcullis-lost", [old, fresh.accessKeyId])).rejects.toThrow(
        /two access keys/,
      );
    });

    it("a rotation stopped between deactivating and deleting the old key is finished by the retry", async () => {
      const old = await managedUser("portcullis-fault");
      const fresh = await createReplacementKey(iam, "portcullis-fault", [old]);
      // The fault: the old key was deactivated, then the process stopped before deleting it.
      await iam.send(
        new UpdateAccessKeyCommand({ UserName: "portcullis-fault", AccessKeyId: old, Status: "Inactive" }),
      );
      expect(await statuses("portcullis-fault")).toEqual(
        [`${old}:Inactive`, `${fresh.accessKeyId}:Active`].sort(),
      );
      // Both keys known: the retry does not create a third one (IAM's limit), it finishes the retirement.
      await expect(createReplacementKey(iam, "portcullis-fault", [old, fresh.accessKeyId])).rejects.toThrow(
        /two access keys/,
      );
      expect(await retireKeysExcept(iam, "portcullis-fault", fresh.accessKeyId)).toEqual([old]);
      expect(await statuses("portcullis-fault")).toEqual([`${fresh.accessKeyId}:Active`]);
    });

    it("retires nothing when the key to keep is gone from IAM", async () => {
      const old = await managedUser("portcullis-missing");
      await expect(retireKeysExcept(iam, "portcullis-missing", "AKIANOTINIAM0000")).rejects.toBeInstanceOf(
        KeyToKeepMissing,
      );
      expect(await statuses("portcullis-missing")).toEqual([`${old}:Active`]);
    });

    it("deletes a managed user with its keys and policies", async () => {
      await managedUser("portcullis-gone");
      await iam.send(
        new PutUserPolicyCommand({
          UserName: "portcullis-gone",
          PolicyName: "portcullis-0123456789abcdef",
          PolicyDocument: JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "s3:ListBucket", Resource: "arn:aws:s3:::b" }],
          }),
        }),
      );
      expect(await deleteManagedUser(iam, "portcullis-gone")).toBe("deleted");
      expect(await deleteManagedUser(iam, "portcullis-gone")).toBe("absent");
    });
  },
);
