export {
  type Anvil,
  type AnvilOptions,
  AnvilStartError,
  anvilBinary,
  freePort,
  startAnvil,
} from "./anvil.ts";
