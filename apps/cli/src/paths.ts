// Where the project's data lives, so the defaults work from any directory.

import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
export const DATA_DIR = join(REPO_ROOT, "data");

export const DEFAULT_FILES = {
  hourly: join(DATA_DIR, "eth_usd_1h_composite.csv"),
  daily: join(DATA_DIR, "eth_usd_1d_composite.csv"),
  tenMinute: join(DATA_DIR, "eth_usd_10min_crash_days_stablesims.csv"),
  gas: join(DATA_DIR, "eth_gas_10min_crash_days_stablesims.csv"),
  dvol: join(DATA_DIR, "eth_dvol_daily_deribit.csv"),
  ecb: join(DATA_DIR, "eurusd_daily_ecb.csv"),
  cpi: join(DATA_DIR, "us_cpi_u_monthly.csv"),
} as const;
