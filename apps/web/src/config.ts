// Runtime configuration: the deployment file, fetched from the server that serves the app. Nothing about a
// deployment is baked into the bundle.
import { type Deployment, InvalidDeploymentError, parseDeployment } from "@pn/sdk";

export const DEPLOYMENT_URL = "/deployment.json";

declare global {
  interface Window {
    /** The fetch of /deployment.json that index.html starts before the bundle loads. */
    pnDeployment?: Promise<Response>;
  }
}

/** The deployment file could not be loaded; the message says what to do. */
export class DeploymentUnavailableError extends Error {
  override name = "DeploymentUnavailableError";
}

/** Loads and checks the deployment; `prefetched` is a fetch of `url` already under way. */
export async function loadDeployment(
  url = DEPLOYMENT_URL,
  prefetched: Promise<Response> | undefined = window.pnDeployment,
): Promise<Deployment> {
  let response: Response;
  try {
    response = await (prefetched ?? fetch(url, { cache: "no-store" }));
  } catch {
    throw new DeploymentUnavailableError(
      `Could not reach ${url}. Is the server that serves this app running?`,
    );
  }
  if (!response.ok) {
    throw new DeploymentUnavailableError(
      `${url} answered ${response.status}: no deployment is being served. Start the devnet with \`npm start\`, which writes .devnet/deployment.json.`,
    );
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw new DeploymentUnavailableError(`${url} is not JSON. Serve the file \`npm start\` writes.`);
  }
  try {
    return parseDeployment(json, url);
  } catch (error) {
    if (error instanceof InvalidDeploymentError) throw new DeploymentUnavailableError(error.shortMessage);
    throw error;
  }
}
