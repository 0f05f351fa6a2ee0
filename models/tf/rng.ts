/**
 * Seeded random streams. Nothing in finfusion draws from `Math.random`: shuffles, dropout
 * masks and initialiser seeds all come from a {@link SeededRandom} derived from the run seed.
 *
 * The generator is sfc32 (128-bit state, passes PractRand/BigCrush), seeded through
 * splitmix32 so that nearby seeds give unrelated streams.
 */

const TWO_POW_32 = 4294967296;

/** Stable 32-bit seed derived from any mix of strings and numbers (FNV-1a + murmur3 finaliser). */
export function seedFrom(...parts: (string | number)[]): number {
  let hash = 0x811c9dc5;
  const text = parts.map((part) => `${typeof part === "number" ? "n" : "s"}:${part}`).join(
    "\u0000",
  );
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

function splitmix32(state: number): [number, number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return [next, (z ^ (z >>> 16)) >>> 0];
}

export class SeededRandom {
  /** The 32-bit seed this stream started from (forks derive from it, not from the state). */
  readonly seed: number;
  #a: number;
  #b: number;
  #c: number;
  #d: number;

  constructor(seed: number) {
    if (!Number.isFinite(seed)) {
      throw new Error(`SeededRandom: seed must be a finite number, got ${seed}`);
    }
    this.seed = Number.isInteger(seed) ? seed >>> 0 : seedFrom(seed);
    let state = this.seed;
    const words: number[] = [];
    for (let i = 0; i < 4; i++) {
      const [nextState, word] = splitmix32(state);
      state = nextState;
      words.push(word);
    }
    [this.#a, this.#b, this.#c, this.#d] = words;
    for (let i = 0; i < 12; i++) this.nextUint32(); // warm up past the seeding pattern
  }

  /** Uniform unsigned 32-bit integer. */
  nextUint32(): number {
    const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
    this.#d = (this.#d + 1) | 0;
    this.#a = this.#b ^ (this.#b >>> 9);
    this.#b = (this.#c + (this.#c << 3)) | 0;
    this.#c = (this.#c << 21) | (this.#c >>> 11);
    this.#c = (this.#c + t) | 0;
    return t >>> 0;
  }

  /**
   * Fills `out` with the stream's next `out.length` {@link nextUint32} draws, the same words
   * in the same order, with the state held in locals for the loop: dropout masks draw
   * millions of values a training step, and this runs several times faster than a call per
   * value (`tests/models/tf/rng_test.ts` checks the two agree word for word).
   */
  fillUint32(out: Uint32Array): Uint32Array {
    let [a, b, c, d] = [this.#a, this.#b, this.#c, this.#d];
    for (let i = 0; i < out.length; i++) {
      const t = (((a + b) | 0) + d) | 0;
      d = (d + 1) | 0;
      a = b ^ (b >>> 9);
      b = (c + (c << 3)) | 0;
      c = (c << 21) | (c >>> 11);
      c = (c + t) | 0;
      out[i] = t; // stored modulo 2^32: t >>> 0, as nextUint32 returns
    }
    [this.#a, this.#b, this.#c, this.#d] = [a, b, c, d];
    return out;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / TWO_POW_32;
  }

  /** Uniform integer in [0, maxExclusive). */
  int(maxExclusive: number): number {
    if (!Number.isInteger(maxExclusive) || maxExclusive < 1 || maxExclusive > TWO_POW_32) {
      throw new Error(
        `SeededRandom.int: maxExclusive must be an integer in 1..2^32, got ${maxExclusive}`,
      );
    }
    return Math.floor(this.next() * maxExclusive);
  }

  /** Standard normal draw (Box–Muller; one draw per call keeps the stream position simple). */
  normal(): number {
    const u = 1 - this.next(); // (0, 1]: log stays finite
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /**
   * An independent stream named by `label`. It depends only on this stream's seed and the
   * label, not on how many draws were made, so adding draws elsewhere never shifts it.
   */
  fork(label: string): SeededRandom {
    return new SeededRandom(seedFrom(this.seed, "fork", label));
  }

  /** Fisher–Yates shuffle in place; returns `items`. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
}
