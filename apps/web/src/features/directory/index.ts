// The identity directory: providers, and the users and groups that can own integrations.
export {
  type DirectoryOption,
  EVERY_SOURCE,
  useDirectorySearch,
  useIdentityProviders,
} from "./api/directory.ts";
export { DirectoryValuesSelect } from "./components/directory-values-select.tsx";
