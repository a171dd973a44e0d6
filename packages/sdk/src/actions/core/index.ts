export { type CreateSeriesParameters, type CreateSeriesReturnType, createSeries } from "./createSeries.ts";
export { type GetPositionParameters, type GetPositionReturnType, getPosition } from "./getPosition.ts";
export { type GetSeriesParameters, type GetSeriesReturnType, getSeries } from "./getSeries.ts";
export { type ListedSeries, type ListSeriesParameters, listSeries } from "./listSeries.ts";
export { type MergeParameters, merge } from "./merge.ts";
export { type RedeemParameters, type RedeemReturnType, redeem } from "./redeem.ts";
export { type SettleParameters, type SettleReturnType, settle } from "./settle.ts";
export { type SplitParameters, split } from "./split.ts";
