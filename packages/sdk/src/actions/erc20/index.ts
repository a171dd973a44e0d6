export { type ApproveParameters, approve } from "./approve.ts";
export { type GetAllowanceParameters, getAllowance } from "./getAllowance.ts";
