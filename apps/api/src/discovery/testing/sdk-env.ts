import { pointSdkAtSandbox } from "../demo/demo-sandbox.ts";
import { BASE_KEY } from "./test-scenario.ts";

/** Points this process's AWS SDK at a test sandbox, through the environment as in production. */
export function pointSdkAt(url: string): void {
  pointSdkAtSandbox(process.env, url, BASE_KEY);
}
