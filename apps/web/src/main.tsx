// Entry point: fetch /deployment.json (started before React renders), then mount the app on that deployment.
import type { Deployment } from "@pn/sdk";
import { StrictMode, useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.tsx";
import { loadDeployment } from "./config.ts";
import { AppProviders } from "./data/app.tsx";
import "./styles.css";

const deployment = loadDeployment();

type BootState =
  | { status: "loading" }
  | { status: "ready"; deployment: Deployment }
  | { status: "error"; message: string };

function Boot() {
  const [state, setState] = useState<BootState>({ status: "loading" });
  useEffect(() => {
    deployment.then(
      (d) => setState({ status: "ready", deployment: d }),
      (error: unknown) =>
        setState({ status: "error", message: error instanceof Error ? error.message : String(error) }),
    );
  }, []);
  if (state.status === "loading") return <p className="boot">Loading the deployment…</p>;
  if (state.status === "error") {
    return (
      <div className="boot card" role="alert">
        <h1>No deployment to show</h1>
        <p>{state.message}</p>
      </div>
    );
  }
  return (
    <AppProviders deployment={state.deployment}>
      <App />
    </AppProviders>
  );
}

const root = document.getElementById("root");
if (root !== null) {
  createRoot(root).render(
    <StrictMode>
      <Boot />
    </StrictMode>,
  );
}
