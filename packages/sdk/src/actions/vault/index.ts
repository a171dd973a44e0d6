export {
  type DepositToVaultParameters,
  type DepositToVaultReturnType,
  depositToVault,
} from "./depositToVault.ts";
export { type GetVaultParameters, type GetVaultReturnType, getVault } from "./getVault.ts";
export {
  type WithdrawFromVaultParameters,
  type WithdrawFromVaultReturnType,
  withdrawFromVault,
} from "./withdrawFromVault.ts";
