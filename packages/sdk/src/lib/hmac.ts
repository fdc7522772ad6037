/**
 * SHA-256 and HMAC-SHA256 in plain synchronous JavaScript.
 *
 * Why not WebCrypto: `validateEvent` is synchronous in the official SDK (its callers do not await
 * it), and `crypto.subtle` only answers with promises. node:crypto would tie the package to Node.
 * Webhook bodies are small, so a straightforward implementation is fast enough.
 */

let roundConstants: Int32Array | undefined;
let initialHash: Int32Array;

/** The first 32 bits of the fractional part of x, as SHA-256 derives its constants. */
const fraction32 = (x: number) => ((x % 1) * 2 ** 32) | 0;

/** The round constants come from the cube roots of the first 64 primes, the initial hash from the square roots of the first 8. */
function constants(): Int32Array {
  if (!roundConstants) {
    const k: number[] = [];
    const h: number[] = [];
    for (let n = 2; k.length < 64; n++) {
      let prime = true;
      for (let d = 2; d * d <= n; d++) if (n % d === 0) prime = false;
      if (!prime) continue;
      if (h.length < 8) h.push(fraction32(Math.sqrt(n)));
      k.push(fraction32(Math.cbrt(n)));
    }
    roundConstants = Int32Array.from(k);
    initialHash = Int32Array.from(h);
  }
  return roundConstants;
}

const rotate = (x: number, n: number) => (x >>> n) | (x << (32 - n));

export function sha256(data: Uint8Array): Uint8Array {
  const k = constants();
  // Message, a 1 bit, zeros, then the length in bits as 64-bit big-endian, in 64-byte blocks.
  const padded = new Uint8Array((data.length + 72) & ~63);
  padded.set(data);
  padded[data.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(data.length / 2 ** 29));
  view.setUint32(padded.length - 4, data.length * 8);
  const hash = initialHash.slice();
  const w = new Int32Array(64);
  for (let block = 0; block < padded.length; block += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getInt32(block + i * 4);
    for (let i = 16; i < 64; i++) {
      const a = w[i - 15]!;
      const b = w[i - 2]!;
      w[i] = w[i - 16]! + (rotate(a, 7) ^ rotate(a, 18) ^ (a >>> 3)) + w[i - 7]! + (rotate(b, 17) ^ rotate(b, 19) ^ (b >>> 10));
    }
    let [a, b, c, d, e, f, g, h] = hash;
    for (let i = 0; i < 64; i++) {
      const t1 = (h + (rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)) + ((e & f) ^ (~e & g)) + k[i]! + w[i]!) | 0;
      const t2 = ((rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    [a, b, c, d, e, f, g, h].forEach((v, i) => (hash[i] = hash[i]! + v));
  }
  const out = new Uint8Array(32);
  const outView = new DataView(out.buffer);
  hash.forEach((v, i) => outView.setInt32(i * 4, v));
  return out;
}

export function hmacSha256(key: Uint8Array, message: Uint8Array): Uint8Array {
  const block = new Uint8Array(64);
  block.set(key.length > 64 ? sha256(key) : key);
  const pad = (byte: number, rest: Uint8Array) => {
    const out = new Uint8Array(64 + rest.length);
    for (let i = 0; i < 64; i++) out[i] = block[i]! ^ byte;
    out.set(rest, 64);
    return out;
  };
  return sha256(pad(0x5c, sha256(pad(0x36, message))));
}
