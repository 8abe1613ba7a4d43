/**
 * Proves that a file's keys are distinct without keeping them: each key is reduced to a 53-bit
 * hash in an open-addressing table (8 bytes a key, where a Set of a million keys costs about a
 * hundred megabytes). Distinct hashes mean distinct keys; a repeated hash may be a repeated key
 * or a collision (about one file in twenty thousand at a million keys), and only says "not
 * proved", so the database counts them as before. Past MAX_KEYS (a table of 32 MB) it stops and
 * proves nothing.
 */
export class KeyHashes {
  static readonly MAX_KEYS = 2_000_000;
  private slots = new Float64Array(1 << 12);
  private count = 0;
  private proved = true;

  constructor(private readonly maxKeys = KeyHashes.MAX_KEYS) {}

  /** True while no two keys added have had the same hash. */
  get distinct(): boolean {
    return this.proved;
  }

  add(key: string): void {
    this.addHash(hash53(key));
  }

  /** A key already reduced by hash53 (a worker thread hashes its stretch's keys). */
  addHash(h: number): void {
    if (!this.proved) return;
    if (this.count >= this.maxKeys) {
      this.proved = false;
      this.slots = new Float64Array(0);
      return;
    }
    if (2 * (this.count + 1) > this.slots.length) this.grow();
    if (insert(this.slots, h)) this.count += 1;
    else this.proved = false;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Float64Array(old.length * 2);
    for (const h of old) if (h !== 0) insert(this.slots, h);
  }
}

/** Adds h (never 0: 0 marks an empty slot); false when it is there already. */
function insert(slots: Float64Array, h: number): boolean {
  const mask = slots.length - 1;
  // The low bits are the second lane's, well mixed by its finaliser.
  for (let i = h % (mask + 1); ; i = (i + 1) & mask) {
    const there = slots[i] as number;
    if (there === 0) {
      slots[i] = h;
      return true;
    }
    if (there === h) return false;
  }
}

/** Two 32-bit multiply-xorshift lanes over the UTF-16 code units, joined into 53 bits (never 0). */
export function hash53(text: string): number {
  let a = 0x9e3779b9 ^ text.length;
  let b = 0x7f4a7c15;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x85ebca6b);
    a ^= a >>> 15;
    b = Math.imul(b ^ c, 0xc2b2ae35);
    b ^= b >>> 13;
  }
  a = Math.imul(a ^ (a >>> 16), 0x7feb352d) ^ Math.imul(b ^ (b >>> 15), 0x846ca68b);
  b = Math.imul(b ^ (b >>> 16), 0x846ca68b) ^ Math.imul(a ^ (a >>> 13), 0x7feb352d);
  a ^= a >>> 16;
  b ^= b >>> 16;
  return (((a >>> 0) & 0x1fffff) * 0x100000000 + (b >>> 0)) || 1;
}
