// The liquidation cascade and, beside it, the flows P/N rolling creates on the same path.

export { type CascadeParams, type CascadeResult, runCascade } from "./cascade.ts";
export {
  type MarketRun,
  type MarketRunParams,
  type MarketView,
  runMarket,
  type Seller,
  worstWindow,
} from "./engine.ts";
export {
  createImpact,
  type Fill,
  fillPrice,
  type Impact,
  type ImpactModel,
  validateImpact,
} from "./market.ts";
export { type RollFlowParams, type RollFlowResult, rollFlows } from "./rollFlows.ts";
