// A binary max-heap of borrower indices keyed by their liquidation price, so that each step pops exactly the
// borrowers above the trigger price: O((n + liquidations) log n) over a whole path.

export class PriceHeap {
  readonly #key: Float64Array;
  readonly #items: Int32Array;
  #size = 0;

  /** `key[i]` is borrower i's liquidation price; keys may change only for items not in the heap. */
  constructor(key: Float64Array) {
    this.#key = key;
    this.#items = new Int32Array(key.length);
  }

  get size(): number {
    return this.#size;
  }

  /** The highest key, or -Infinity when empty. */
  topKey(): number {
    return this.#size === 0 ? Number.NEGATIVE_INFINITY : (this.#key[this.#items[0] ?? 0] ?? 0);
  }

  push(item: number): void {
    let i = this.#size++;
    const k = this.#key[item] ?? 0;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = this.#items[parent] ?? 0;
      if ((this.#key[p] ?? 0) >= k) break;
      this.#items[i] = p;
      i = parent;
    }
    this.#items[i] = item;
  }

  /** Removes and returns the item with the highest key (the heap must not be empty). */
  pop(): number {
    const top = this.#items[0] ?? 0;
    const last = this.#items[--this.#size] ?? 0;
    const k = this.#key[last] ?? 0;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= this.#size) break;
      const right = child + 1;
      if (
        right < this.#size &&
        (this.#key[this.#items[right] ?? 0] ?? 0) > (this.#key[this.#items[child] ?? 0] ?? 0)
      ) {
        child = right;
      }
      const c = this.#items[child] ?? 0;
      if ((this.#key[c] ?? 0) <= k) break;
      this.#items[i] = c;
      i = child;
    }
    this.#items[i] = last;
    return top;
  }
}
