// "x now" from the devnet's replay: /replay.json, polled. A 404 (no replay, or not a devnet) is not an error: the
// app then uses its own editable x. index.html starts the first fetch before the bundle loads.
import { useQuery } from "@tanstack/react-query";
import { parseReplay, type ReplayStatus } from "../lib/replay.ts";

export const REPLAY_URL = "/replay.json";

declare global {
  interface Window {
    /** The first fetch of /replay.json, started by index.html. */
    pnReplay?: Promise<Response> | undefined;
  }
}

async function fetchReplay(): Promise<ReplayStatus | null> {
  const prefetched = window.pnReplay;
  window.pnReplay = undefined;
  let response: Response;
  try {
    response = await (prefetched ?? fetch(REPLAY_URL, { cache: "no-store" }));
  } catch {
    return null;
  }
  if (!response.ok) return null;
  try {
    return parseReplay(await response.json()) ?? null;
  } catch {
    return null;
  }
}

/** The replay's status, or null when no replay is running. Refreshed every 2 s (a tick is about 1 s). */
export function useReplay(): ReplayStatus | null | undefined {
  return useQuery({
    queryKey: ["replay"],
    queryFn: fetchReplay,
    refetchInterval: 2_000,
    retry: false,
  }).data;
}
