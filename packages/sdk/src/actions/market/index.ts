export { type CancelParameters, type CancelReturnType, cancel } from "./cancel.ts";
export { type FillParameters, type FillReturnType, fill } from "./fill.ts";
export { type FillToETHParameters, type FillToETHReturnType, fillToETH } from "./fillToETH.ts";
export { type GetOrderParameters, type GetOrderReturnType, getOrder } from "./getOrder.ts";
export { type ListedOrder, type ListOrdersParameters, listOrders } from "./listOrders.ts";
export { type PlanRollParameters, planRoll, type RollPlan } from "./planRoll.ts";
export {
  type AskCurve,
  curveTerms,
  type PostAskErrorType,
  type PostAskParameters,
  type PostAskReturnType,
  postAsk,
} from "./postAsk.ts";
export { type PostBidErrorType, type PostBidParameters, type PostBidReturnType, postBid } from "./postBid.ts";
export { type PriceAtParameters, priceAt } from "./priceAt.ts";
export { type QuoteFillParameters, quoteFill } from "./quoteFill.ts";
export { type RollAtomicParameters, type RollAtomicReturnType, rollAtomic } from "./rollAtomic.ts";
export {
  type AbiOrder,
  InsufficientBookError,
  InvalidOrderTermsError,
  InvalidRollError,
  type MarketOrder,
  toMarketOrder,
} from "./types.ts";
export { type WaitForOrderIdParameters, waitForOrderId } from "./waitForOrderId.ts";
