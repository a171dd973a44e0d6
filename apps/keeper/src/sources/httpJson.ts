// A price source over any HTTP API that returns JSON: a URL template with the time filled in, a path to the
// close, and optionally a path to the candle's end (or open) time. Prices are parsed exactly (no floats).

import { InvalidDecimalError, parseWad } from "@pn/core";
import { SourceError } from "../framework/errors.ts";
import { decimalText, type ExactJson, parseExactJson, readPath } from "./exactJson.ts";
import { candleEndAtOrBefore, type PriceSource, type SourcePrice } from "./source.ts";

export type HttpJsonSourceParameters = {
  name: string;
  /**
   * URL with placeholders, filled for M: `{timestamp}` (M), `{candleOpen}` and `{candleEnd}` (the last candle
   * ending at or before M), each also as `…Ms` in milliseconds.
   */
  url: string;
  /** Path to the close price (a JSON number or decimal string), e.g. `data.0.close`. */
  pricePath: string;
  /** Path to the candle's end time. */
  endsAtPath?: string;
  /** Path to the candle's open time (end = open + barSeconds), when the API reports opens. */
  openTimePath?: string;
  /** Unit of the times at those paths. */
  timeUnit?: "s" | "ms";
  barSeconds?: bigint;
  headers?: Record<string, string>;
  timeoutMs?: number;
  fetch?: typeof fetch;
};

/**
 * @example
 * new HttpJsonSource({
 *   name: "example",
 *   url: "https://api.example.com/candles?pair=ETHUSD&start={candleOpen}&end={candleEnd}",
 *   pricePath: "candles.-1.close",
 *   openTimePath: "candles.-1.start",
 * });
 */
export class HttpJsonSource implements PriceSource {
  readonly name: string;
  readonly #p: HttpJsonSourceParameters;

  constructor(parameters: HttpJsonSourceParameters) {
    this.name = parameters.name;
    this.#p = parameters;
  }

  /** The URL for M. */
  urlFor(timestamp: bigint): string {
    const bar = this.#p.barSeconds ?? 3600n;
    const end = candleEndAtOrBefore(timestamp, bar);
    const values: Record<string, bigint> = { timestamp, candleOpen: end - bar, candleEnd: end };
    return this.#p.url.replace(
      /\{(timestamp|candleOpen|candleEnd)(Ms)?\}/g,
      (_m, name: string, ms?: string) => {
        const seconds = values[name] ?? 0n;
        return String(ms === undefined ? seconds : seconds * 1000n);
      },
    );
  }

  async priceAt(timestamp: bigint): Promise<SourcePrice | undefined> {
    const body = await this.#get(this.urlFor(timestamp));
    const priceText = decimalText(readPath(body, this.#p.pricePath));
    if (priceText === undefined) return undefined;
    const endsAt = this.#endsAt(body, timestamp);
    if (endsAt > timestamp) return undefined;
    try {
      return { priceWad: parseWad(priceText), endsAt };
    } catch (cause) {
      if (!(cause instanceof InvalidDecimalError)) throw cause;
      throw new SourceError({
        source: this.name,
        problem: `the value at ${this.#p.pricePath} is ${priceText}, not a usable decimal price`,
        fix: "Point pricePath at the close price (a non-negative decimal with at most 18 decimals).",
        cause,
      });
    }
  }

  #endsAt(body: ExactJson, timestamp: bigint): bigint {
    const bar = this.#p.barSeconds ?? 3600n;
    const path = this.#p.endsAtPath ?? this.#p.openTimePath;
    if (path === undefined) return candleEndAtOrBefore(timestamp, bar);
    const text = decimalText(readPath(body, path));
    if (text === undefined || !/^\d+$/.test(text)) {
      throw new SourceError({
        source: this.name,
        problem: `no integer time at ${path} (found ${text ?? "nothing"})`,
        fix: 'Point endsAtPath/openTimePath at the candle time (unix seconds, or ms with timeUnit "ms").',
      });
    }
    const seconds = this.#p.timeUnit === "ms" ? BigInt(text) / 1000n : BigInt(text);
    return this.#p.endsAtPath !== undefined ? seconds : seconds + bar;
  }

  async #get(url: string): Promise<ExactJson> {
    const doFetch = this.#p.fetch ?? fetch;
    let response: Response;
    try {
      response = await doFetch(url, {
        headers: { accept: "application/json", ...this.#p.headers },
        signal: AbortSignal.timeout(this.#p.timeoutMs ?? 10_000),
      });
    } catch (cause) {
      throw new SourceError({
        source: this.name,
        problem: `GET ${url} failed`,
        fix: "Check the URL and the network.",
        cause,
      });
    }
    const text = await response.text();
    if (!response.ok) {
      throw new SourceError({
        source: this.name,
        problem: `GET ${url} answered ${response.status}: ${text.slice(0, 200)}`,
        fix: "Check the URL template and any API key header.",
      });
    }
    try {
      return parseExactJson(text);
    } catch (cause) {
      throw new SourceError({
        source: this.name,
        problem: `GET ${url} did not return JSON`,
        fix: "Check the URL.",
        cause,
      });
    }
  }
}
