import type { Scenario } from "../scenario/types.ts";
import type { World } from "../world/types.ts";
import { AssignmentStore, type AssignmentTiming } from "./assignment-store.ts";
import { CloudTrail } from "./cloud-trail.ts";
import { IamStore } from "./iam-store.ts";
import { IdentityStoreState } from "./identity-store-state.ts";

// Everything calls can change. The world stays the scenario's fixed shape; this holds the
// parts that grants, revokes and rotation write to.
export type SandboxState = {
  readonly identityStore: IdentityStoreState;
  readonly assignments: AssignmentStore;
  readonly iam: IamStore;
  readonly trail: CloudTrail;
};

export type StateOptions = { assignmentTiming?: AssignmentTiming; cloudTrailDelayMs?: number };

export function createState(
  scenario: Scenario,
  world: World,
  now: () => number,
  options: StateOptions = {},
): SandboxState {
  return {
    identityStore: new IdentityStoreState(scenario.identityCenter),
    assignments: new AssignmentStore(now, options.assignmentTiming),
    iam: new IamStore(world),
    trail: new CloudTrail(options.cloudTrailDelayMs),
  };
}
