import type { Address, Hash } from "viem";
import { rollRouterAbi } from "../../generated/abis.ts";
import { type PnWriteClient, toAbiKey, withDecodedErrors } from "../client.ts";
import { type PlanRollParameters, planRoll, type RollPlan } from "./planRoll.ts";

export type RollAtomicParameters = PlanRollParameters & {
  router: Address;
  /** Receives `amountOut` of B and the refund; the sender by default. */
  recipient?: Address;
  /** Pay the buffer in native ETH (WETH series): no collateral approval needed. */
  native?: boolean;
  /** Take the refund in native ETH (WETH series). */
  refundEth?: boolean;
  /** A plan from `planRoll` to send as is; planned afresh when omitted. */
  plan?: RollPlan;
};
export type RollAtomicReturnType = { hash: Hash; plan: RollPlan };

/**
 * Rolls a position from series A to series B in one transaction through the `RollRouter`, at the best resting
 * orders (`planRoll`), with a buffer slightly above the asks' cost, `minRefund` from `slippageBps` and a deadline.
 * Needs approvals of the router for `amountIn` of the side token of A and, unless `native`, the buffer in collateral.
 *
 * @example
 * const { hash, plan } = await rollAtomic(client, { router, market, core, from: keyA, to: keyB, side: "P",
 *   amountIn: parseEther("10"), slippageBps: 50, native: true, refundEth: true });
 */
export async function rollAtomic(
  client: PnWriteClient,
  parameters: RollAtomicParameters,
): Promise<RollAtomicReturnType> {
  const plan = parameters.plan ?? (await planRoll(client, parameters));
  const native = parameters.native === true;
  const hash = await withDecodedErrors(async () => {
    const { request } = await client.simulateContract({
      address: parameters.router,
      abi: rollRouterAbi,
      functionName: "roll",
      args: [
        {
          from: toAbiKey(plan.from),
          to: toAbiKey(plan.to),
          side: plan.side === "P" ? 0 : 1,
          amountIn: plan.amountIn,
          amountOut: plan.amountOut,
          collateralIn: plan.collateralIn,
          minRefund: plan.minRefund,
          asks: plan.asks,
          bids: plan.bids,
          recipient: parameters.recipient ?? client.account.address,
          refundETH: parameters.refundEth === true,
          deadline: plan.deadline,
        },
      ],
      value: native ? plan.collateralIn : 0n,
    });
    return client.writeContract(request);
  });
  return { hash, plan };
}
