// Access flows (admins): the list and the editor, composed by app/.
export { accessFlowKeys } from "./api/access-flows.ts";
