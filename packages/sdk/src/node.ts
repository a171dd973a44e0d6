// Node-only parts of @pn/sdk: they read files (deployment files, the indices' rules texts).
export { readDeployment } from "./deploymentFile.ts";
export {
  DEFAULT_INDEX_SETTINGS,
  type IndexConfig,
  type IndexRegistration,
  referenceIndex,
  rulesHash,
  rulesText,
} from "./indices.ts";
