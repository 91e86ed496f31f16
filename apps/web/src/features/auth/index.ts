// What other features may use from auth: who is signed in.
export { useMe } from "./api/auth.ts";
