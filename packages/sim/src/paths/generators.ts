// Generated price paths with a seed: GBM, Merton jump-diffusion, Student-t returns and a moving-block bootstrap
// of historical returns. Every generator draws log returns per step; x[0] = x0.

import { InvalidParameterError } from "../errors.ts";
import { createRng, type Rng } from "../rng.ts";
import type { PriceSeries } from "./types.ts";

const SECONDS_PER_YEAR = 31_536_000;

export type GeneratorSpec =
  | { kind: "gbm"; mu: number; sigma: number }
  | { kind: "merton"; mu: number; sigma: number; jumpsPerYear: number; jumpMean: number; jumpStd: number }
  | { kind: "student-t"; mu: number; sigma: number; nu: number }
  | { kind: "bootstrap"; returns: Float64Array; blockLength: number };

export type GenerateOptions = {
  spec: GeneratorSpec;
  x0: number;
  steps: number;
  stepSeconds: number;
  /** Time of x[0], unix seconds (default 2024-01-01). */
  t0?: number;
  seed: number;
};

/** A generated path of `steps + 1` points. */
export function generatePath(options: GenerateOptions): PriceSeries {
  validate(options);
  const { x0, steps, stepSeconds } = options;
  const t0 = options.t0 ?? 1_704_067_200;
  const rng = createRng(options.seed);
  const draw = stepDrawer(options.spec, stepSeconds / SECONDS_PER_YEAR, rng);
  const t = new Float64Array(steps + 1);
  const x = new Float64Array(steps + 1);
  x[0] = x0;
  t[0] = t0;
  let logX = Math.log(x0);
  for (let i = 1; i <= steps; i++) {
    logX += draw();
    x[i] = Math.exp(logX);
    t[i] = t0 + i * stepSeconds;
  }
  return { label: `${options.spec.kind} seed ${options.seed}`, index: "USD", barSeconds: stepSeconds, t, x };
}

/** A function returning one step's log return for the spec. */
export function stepDrawer(spec: GeneratorSpec, dt: number, rng: Rng): () => number {
  switch (spec.kind) {
    case "gbm": {
      const drift = (spec.mu - 0.5 * spec.sigma ** 2) * dt;
      const scale = spec.sigma * Math.sqrt(dt);
      return () => drift + scale * rng.normal();
    }
    case "merton": {
      const k = Math.exp(spec.jumpMean + 0.5 * spec.jumpStd ** 2) - 1;
      const drift = (spec.mu - 0.5 * spec.sigma ** 2 - spec.jumpsPerYear * k) * dt;
      const scale = spec.sigma * Math.sqrt(dt);
      const lambda = spec.jumpsPerYear * dt;
      return () => {
        let r = drift + scale * rng.normal();
        for (let j = rng.poisson(lambda); j > 0; j--) r += spec.jumpMean + spec.jumpStd * rng.normal();
        return r;
      };
    }
    case "student-t": {
      const drift = (spec.mu - 0.5 * spec.sigma ** 2) * dt;
      const scale = spec.sigma * Math.sqrt(dt) * Math.sqrt((spec.nu - 2) / spec.nu);
      return () => drift + scale * rng.studentT(spec.nu);
    }
    case "bootstrap":
      return blockDrawer(spec.returns, spec.blockLength, rng);
  }
}

function blockDrawer(returns: Float64Array, blockLength: number, rng: Rng): () => number {
  const starts = returns.length - blockLength + 1;
  let position = 0;
  let left = 0;
  return () => {
    if (left === 0) {
      position = rng.below(starts);
      left = blockLength;
    }
    left--;
    return returns[position++] ?? 0;
  };
}

function validate(options: GenerateOptions): void {
  const { spec } = options;
  const check = (field: string, value: number, ok: boolean, expected: string) => {
    if (!ok || !Number.isFinite(value)) throw new InvalidParameterError({ field, value, expected });
  };
  check("x0", options.x0, options.x0 > 0, "a positive price");
  check("steps", options.steps, Number.isInteger(options.steps) && options.steps > 0, "a positive integer");
  check("stepSeconds", options.stepSeconds, options.stepSeconds > 0, "a positive number of seconds");
  if (spec.kind === "bootstrap") {
    check(
      "blockLength",
      spec.blockLength,
      Number.isInteger(spec.blockLength) && spec.blockLength > 0,
      "a positive integer",
    );
    const enough = spec.returns.length >= spec.blockLength;
    check("returns.length", spec.returns.length, enough, `at least the block length (${spec.blockLength})`);
    return;
  }
  check("sigma", spec.sigma, spec.sigma >= 0, "a volatility >= 0 (0.8 = 80%)");
  check("mu", spec.mu, true, "a finite drift");
  if (spec.kind === "student-t")
    check("nu", spec.nu, spec.nu > 2, "degrees of freedom > 2 (finite variance)");
  if (spec.kind === "merton") {
    check("jumpsPerYear", spec.jumpsPerYear, spec.jumpsPerYear >= 0, ">= 0");
    check("jumpStd", spec.jumpStd, spec.jumpStd >= 0, ">= 0");
    check("jumpMean", spec.jumpMean, true, "a finite log jump mean");
  }
}
