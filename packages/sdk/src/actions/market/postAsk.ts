import { askTermsProblem } from "@pn/core";
import type { Address, Hash } from "viem";
import { pnMarketAbi } from "../../generated/abis.ts";
import { type PnWriteClient, withDecodedErrors } from "../client.ts";
import { InvalidOrderTermsError } from "./types.ts";

/** The price curve of an ask. Prices are WAD, units of `want` per unit of `token`. */
export type AskCurve =
  | { kind: "flat"; priceWad: bigint }
  | { kind: "linear"; startPriceWad: bigint; floorPriceWad: bigint; duration: bigint }
  | { kind: "exponential"; startPriceWad: bigint; floorPriceWad: bigint; duration: bigint; halfLife: bigint };

export type PostAskParameters = {
  market: Address;
  /** The P or N token offered (escrowed in full; approval of the market needed). */
  token: Address;
  /** The token wanted: `token`'s collateral (a sale), or another P or N token of the core (a roll order A→B). */
  want: Address;
  /** Token base units. */
  amount: bigint;
  curve: AskCurve;
  /** Unix seconds from which the ask can no longer be filled; 0 or omitted = never. */
  expiry?: bigint;
};
export type PostAskReturnType = Hash;
export type PostAskErrorType = InvalidOrderTermsError;

/** The curve as `AskParams` fields: flat is `floor = start`, no duration; linear has no half-life. */
export function curveTerms(curve: AskCurve): {
  startPriceWad: bigint;
  floorPriceWad: bigint;
  duration: bigint;
  halfLife: bigint;
} {
  switch (curve.kind) {
    case "flat":
      return { startPriceWad: curve.priceWad, floorPriceWad: curve.priceWad, duration: 0n, halfLife: 0n };
    case "linear":
      return { ...curve, halfLife: 0n };
    case "exponential":
      return curve;
  }
}

/**
 * Posts an ask: a limit sell (flat), a Dutch auction (linear or exponential, from start to floor over
 * `duration`), or, when `want` is another series' token, a roll order A→B. Terms are checked as the market checks
 * them before simulating; read the new order's id with `waitForOrderId`.
 *
 * @example
 * // Roll 10 P_A into P_B: 1.6 → 1.45 P_B per P_A over two days.
 * await postAsk(client, { market, token: pA, want: pB, amount: parseEther("10"),
 *   curve: { kind: "linear", startPriceWad: parseEther("1.6"), floorPriceWad: parseEther("1.45"), duration: 172_800n } });
 */
export async function postAsk(
  client: PnWriteClient,
  parameters: PostAskParameters,
): Promise<PostAskReturnType> {
  const { market, token, want, amount, expiry = 0n } = parameters;
  const terms = curveTerms(parameters.curve);
  const problem = askTermsProblem({ amount, ...terms });
  if (problem !== undefined) throw new InvalidOrderTermsError({ problem });
  if (parameters.curve.kind === "exponential" && terms.halfLife <= 0n) {
    throw new InvalidOrderTermsError({ problem: "an exponential curve needs a half-life above zero" });
  }
  return withDecodedErrors(async () => {
    const { request } = await client.simulateContract({
      address: market,
      abi: pnMarketAbi,
      functionName: "postAsk",
      args: [{ token, want, amount, ...terms, expiry }],
    });
    return client.writeContract(request);
  });
}
