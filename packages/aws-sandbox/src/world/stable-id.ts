const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

// AWS unique ids (AROA…, AIDA…, db-…) derived from a hash of the resource's name so the same
// scenario always yields the same ids, which keeps snapshots and assertions stable. FNV-1a
// rather than a crypto hash: start-up builds tens of thousands of these for big scenarios.
export function stableId(prefix: string, seed: string, length: number): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  let out = prefix;
  for (let i = 0; i < length; i++) {
    // xorshift steps spread the hash over as many characters as needed.
    h ^= h << 13;
    h ^= h >>> 17;
    h ^= h << 5;
    out += ALPHABET[(h >>> 0) % 32];
  }
  return out;
}
