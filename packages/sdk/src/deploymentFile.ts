// Reads a deployment file from disk (Node only; exported from @pn/sdk/node).
import { readFileSync } from "node:fs";
import { type Deployment, InvalidDeploymentError, parseDeployment } from "./deployment.ts";

/** Reads and checks a deployment file. */
export function readDeployment(path: string): Deployment {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new InvalidDeploymentError({ path, reason: "it cannot be read" });
  }
  try {
    return parseDeployment(JSON.parse(text), path);
  } catch (error) {
    if (error instanceof InvalidDeploymentError) throw error;
    throw new InvalidDeploymentError({ path, reason: "it is not JSON" });
  }
}
