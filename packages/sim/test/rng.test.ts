import { describe, expect, it } from "vitest";
import { createRng, deriveSeed, excessKurtosis, mean, stdDev } from "../src/index.ts";

const draw = (n: number, f: () => number) => Float64Array.from({ length: n }, f);

describe("xoshiro128** PRNG", () => {
  it("is deterministic for a seed and differs across seeds", () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const seqA = [a.nextU32(), a.nextU32(), a.nextU32()];
    expect([b.nextU32(), b.nextU32(), b.nextU32()]).toEqual(seqA);
    expect([c.nextU32(), c.nextU32(), c.nextU32()]).not.toEqual(seqA);
    expect(seqA.every((v) => Number.isInteger(v) && v >= 0 && v < 2 ** 32)).toBe(true);
  });

  it("derives distinct per-path seeds from a master seed", () => {
    const seeds = new Set(Array.from({ length: 10_000 }, (_, i) => deriveSeed(7, i)));
    expect(seeds.size).toBe(10_000);
    expect(deriveSeed(7, 3)).toBe(deriveSeed(7, 3));
  });

  it("draws uniforms, normals, Student-t and gamma with the right moments", () => {
    const rng = createRng(1);
    const n = 200_000;
    const u = draw(n, rng.nextFloat);
    expect(mean(u)).toBeCloseTo(0.5, 2);
    expect(stdDev(u) ** 2).toBeCloseTo(1 / 12, 3);
    const z = draw(n, rng.normal);
    expect(Math.abs(mean(z))).toBeLessThan(0.01);
    expect(stdDev(z)).toBeCloseTo(1, 2);
    const t = draw(n, () => rng.studentT(5));
    expect(stdDev(t) ** 2).toBeCloseTo(5 / 3, 1);
    expect(excessKurtosis(t)).toBeGreaterThan(2);
    const g = draw(n, () => rng.gamma(2.5));
    expect(mean(g)).toBeCloseTo(2.5, 1);
    const p = draw(n, () => rng.poisson(0.3));
    expect(mean(p)).toBeCloseTo(0.3, 2);
  });
});
