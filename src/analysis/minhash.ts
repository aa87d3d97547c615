/**
 * 32 one-permutation MinHash slots in 8 bands of 4: a pair with Jaccard 0.8 shares a band 99% of
 * the time, a pair at 0.3 only 6%. Few bands keep the bucket index small and cheap to write.
 */
export const minhashSlots = 32;
export const lshBands = 8;
const rowsPerBand = minhashSlots / lshBands;
/** One more "band" holds the hash of the normalised headline: the same headline is the same story. */
export const titleBand = lshBands;
/** And one the hash of the article's address: the same article reached through two feeds. */
export const urlBand = lshBands + 1;
/** Every band an item may be filed under; a hash of 0 in the title or address band means "none". */
export const bandCount = lshBands + 2;
const maxTokens = 400;
const minTitleTokens = 4;
const emptySlot = 0xffffffff;

export function hashString(value: string, seed = 0x811c9dc5): number {
  let hash = seed;
  for (let index = 0; index < value.length; index++) {
    hash ^= value.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

function mix(value: number): number {
  let hash = value >>> 0;
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

export type Fingerprint = { signature: Uint32Array; bands: number[] };

/**
 * One-permutation hashing with rotation densification (Shrivastava, 2017) over word 3-shingles:
 * one hash per shingle instead of 64, so it stays cheap on every item of every feed.
 */
export function fingerprint(titleTokens: readonly string[], textTokens: readonly string[]): Fingerprint {
  const tokens = titleTokens.concat(textTokens.slice(0, maxTokens - titleTokens.length));
  const signature = new Uint32Array(minhashSlots).fill(emptySlot);
  const width = tokens.length >= 3 ? 3 : 1;
  const hashes = tokens.map((token) => hashString(token));
  for (let index = 0; index + width <= hashes.length; index++) {
    let shingle = hashes[index] as number;
    for (let offset = 1; offset < width; offset++) {
      shingle = Math.imul(shingle ^ (hashes[index + offset] as number), 0x9e3779b1);
    }
    const hash = mix(shingle);
    const slot = hash >>> 27;
    const value = hash & 0x7ffffff;
    if (value < (signature[slot] as number)) signature[slot] = value;
  }
  densify(signature);
  const bands: number[] = [];
  for (let band = 0; band < lshBands; band++) {
    let hash = mix(band + 1);
    for (let row = 0; row < rowsPerBand; row++) {
      hash = mix(hash ^ (signature[band * rowsPerBand + row] as number));
    }
    bands.push(hash | 0);
  }
  bands.push(titleTokens.length >= minTitleTokens ? hashString(titleTokens.join(' ')) | 0 : 0);
  return { signature, bands };
}

function densify(signature: Uint32Array): void {
  if (signature.every((value) => value === emptySlot)) return;
  for (let slot = 0; slot < minhashSlots; slot++) {
    if (signature[slot] !== emptySlot) continue;
    for (let step = 1; step < minhashSlots; step++) {
      const donor = signature[(slot + step) % minhashSlots] as number;
      if (donor !== emptySlot) {
        // Rotation: borrow the next filled slot, offset by the distance so borrowed values stay distinct.
        signature[slot] = (donor + step * 0x8000000 + 1) >>> 0;
        break;
      }
    }
  }
}

/** Estimated Jaccard similarity of two signatures: the share of equal slots. */
export function similarity(a: Uint32Array, b: Uint32Array): number {
  let equal = 0;
  for (let slot = 0; slot < minhashSlots; slot++) if (a[slot] === b[slot]) equal++;
  return equal / minhashSlots;
}

export function signatureToBytes(signature: Uint32Array): Uint8Array {
  return new Uint8Array(signature.buffer, signature.byteOffset, signature.byteLength);
}

export function signatureFromBytes(bytes: Uint8Array): Uint32Array {
  const copy = new Uint8Array(bytes);
  return new Uint32Array(copy.buffer, 0, minhashSlots);
}
