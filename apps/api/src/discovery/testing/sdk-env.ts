import { BASE_KEY, REGION } from "./test-scenario.ts";

/** Points this process's AWS SDK at the sandbox, as an operator would with LocalStack. */
export function pointSdkAt(url: string): void {
  for (const key of Object.keys(process.env))
    if (key.startsWith("AWS_ENDPOINT_URL_")) delete process.env[key];
  delete process.env.AWS_PROFILE;
  delete process.env.AWS_SESSION_TOKEN;
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: url,
    AWS_ACCESS_KEY_ID: BASE_KEY.accessKeyId,
    AWS_SECRET_ACCESS_KEY: BASE_KEY.secretAccessKey,
    AWS_REGION: REGION,
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  });
}
