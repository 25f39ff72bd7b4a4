/** Growable int arrays for postings: typed arrays keep 100k-item indexes compact (no per-entry objects). */
export class IntList {
  data: Int32Array;
  length = 0;
  constructor(capacity = 4) {
    this.data = new Int32Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

/** One term's postings: doc numbers and packed per-field term frequencies, plus how many entries are dead. */
export class Posting {
  docs = new IntList();
  tfs = new IntList();
  df = 0;
  dead = 0;
  add(doc: number, packed: number): void {
    this.docs.push(doc);
    this.tfs.push(packed);
    this.df++;
  }
  /** Drops entries of removed docs once they are the majority, so removal stays O(terms of the doc) amortised. */
  compactIfSparse(alive: (doc: number) => boolean): void {
    if (this.dead * 2 < this.docs.length) return;
    let w = 0;
    const d = this.docs.data;
    const t = this.tfs.data;
    for (let r = 0; r < this.docs.length; r++) {
      if (!alive(d[r])) continue;
      d[w] = d[r];
      t[w] = t[r];
      w++;
    }
    this.docs.length = w;
    this.tfs.length = w;
    this.dead = 0;
  }
}

// Per-field tf packed into one int32: title 8 bits, tags 8 bits, description 15 bits. Caps are harmless because
// BM25 saturates long before 255 repetitions.
export function packTf(title: number, description: number, tags: number): number {
  return Math.min(title, 255) | (Math.min(tags, 255) << 8) | (Math.min(description, 32767) << 16);
}
export function unpackTitle(p: number): number {
  return p & 255;
}
export function unpackTags(p: number): number {
  return (p >>> 8) & 255;
}
export function unpackDescription(p: number): number {
  return p >>> 16;
}
