// Related measures across plans: the same measure in a city plan and a
// district plan, or in the 2024 and the 2025 plan, even when one is in
// traditional script.
//
// Each measure gets two TF-IDF vectors over its normalised text
// (normalise.ts: simplified script, CJK runs only): one of its title's
// character bigrams and trigrams, one of its whole text's bigrams. Plans that
// restate a measure repeat its lead phrase and rewrite the body, so the title
// carries half the score. Trigrams of the body changed nothing on the seeds
// (the same pairs, in the same order) and doubled the build time, so the body
// uses bigrams only. Weights: w = (1 + ln tf) · ln(1 + N / df), vectors
// L2-normalised; similarity = ½ cos(titles) + ½ cos(whole texts), 0–1.
//
// Layout: compressed sparse rows in typed arrays (document → n-grams, n-gram
// → documents), n-grams keyed by UTF-16 units packed into integers, so a
// build is two linear passes and a query touches only the postings of its
// own n-grams: no pairwise comparison at build time.
import type { Plan } from '../types.ts';
import { matchingRuns } from './normalise.ts';
import { relatedCanonicaliser } from '../suggest/lexicon.ts';

export interface MeasureRef {
  planId: string;
  planTitle: string;
  measureId: string;
  number: string;
  title: string;
}

/** Sparse vectors in compressed rows: document → n-grams and n-gram → documents. */
interface SparseMatrix {
  docStart: Int32Array;
  docGram: Int32Array;
  docWeight: Float32Array;
  postStart: Int32Array;
  postDoc: Int32Array;
  postWeight: Float32Array;
}

export interface RelatedIndex {
  refs: MeasureRef[];
  /** Plan ordinal of each document (pairs are only made across plans). */
  planOf: Int32Array;
  /** measureId → document, and planId + "\u0001" + measureId → document. */
  byId: Map<string, number>;
  /** Title vectors and whole-text vectors. */
  titles: SparseMatrix;
  texts: SparseMatrix;
  titleWeight: number;
  /** Scratch accumulator reused by queries. */
  scratch: Float32Array;
}

export interface RelatedOptions {
  /** Traditional → simplified converter for plans in traditional script (engine/text/simplify.ts loadSimplifier). */
  simplify?: (s: string) => string;
  /** Share of the score that comes from the titles (default 0.5). */
  titleWeight?: number;
}

export interface QueryOptions {
  limit?: number;
  /** Minimum similarity (default DEFAULT_RELATED_THRESHOLD). */
  threshold?: number;
  /** Include measures of the same plan (default false). */
  samePlan?: boolean;
}

/**
 * Similarity at and above which two measures count as the same measure.
 * Chosen on the seed plans: the same measure restated across the district,
 * city and 2024 plans scores well above it; measures that only share the
 * vocabulary of the genre (企业, 服务, 推进, 营商环境) stay below.
 */
export const DEFAULT_RELATED_THRESHOLD = 0.25;
const DEFAULT_TITLE_WEIGHT = 0.5;

/** Growable Int32 buffer. */
class IntList {
  data = new Int32Array(1024);
  length = 0;
  push(n: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = n;
  }
}

// One hash-table slot, interleaved in an Int32Array so a lookup touches one
// cache line: the n-gram key (two 32-bit halves; trigrams need 48 bits), its
// dense id, the last document that used it, where that document's count sits,
// and its document frequency (24 bytes; the table is the memory the build touches at random).
const KEY_LO = 0;
const KEY_HI = 1;
const ID = 2;
const LAST_DOC = 3;
const COUNT_AT = 4;
const DF = 5;
const SLOT = 6; // ints per slot
const EMPTY = -1;

/**
 * Collects n-gram counts per document, then weighs them into a sparse matrix.
 * N-grams are keyed by number (UTF-16 units packed together) in an
 * open-addressing table over one Int32Array: no per-lookup allocation, no
 * per-document map ("last document seen" in the slot tells whether the
 * n-gram is new to this document).
 */
class MatrixBuilder {
  private table = new Int32Array(SLOT << 15).fill(EMPTY);
  private mask = (1 << 15) - 1;
  private vocabSize = 0;
  /** All documents' (gram slot → later id, count) pairs, documents one after another. */
  private readonly grams = new IntList();
  private readonly counts = new IntList();
  private readonly starts: number[] = [0];

  private static hash(lo: number, hi: number): number {
    let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 13;
    return Math.imul(h, 0xc2b2ae35) ^ (h >>> 16);
  }

  /** Counts n-gram (lo, hi) once more in document `doc`. */
  private count(lo: number, hi: number, doc: number): void {
    const table = this.table;
    let i = MatrixBuilder.hash(lo, hi) & this.mask;
    for (;;) {
      const at = i * SLOT;
      const id = table[at + ID]!;
      if (id === EMPTY) {
        table[at + KEY_LO] = lo;
        table[at + KEY_HI] = hi;
        table[at + ID] = this.vocabSize++;
        table[at + LAST_DOC] = doc;
        table[at + COUNT_AT] = this.grams.length;
        table[at + DF] = 1;
        this.grams.push(i);
        this.counts.push(1);
        if (this.vocabSize * 2 > this.mask + 1) this.grow();
        return;
      }
      if (table[at + KEY_LO] === lo && table[at + KEY_HI] === hi) {
        if (table[at + LAST_DOC] === doc) {
          this.counts.data[table[at + COUNT_AT]!]!++;
        } else {
          table[at + LAST_DOC] = doc;
          table[at + COUNT_AT] = this.grams.length;
          table[at + DF]!++;
          this.grams.push(i);
          this.counts.push(1);
        }
        return;
      }
      i = (i + 1) & this.mask;
    }
  }

  /** Doubles the table; slots move, so the slot numbers recorded in `grams` are remapped. */
  private grow(): void {
    const old = this.table;
    const oldSlots = old.length / SLOT;
    const size = oldSlots * 2;
    const table = new Int32Array(size * SLOT).fill(EMPTY);
    const mask = size - 1;
    const moved = new Int32Array(oldSlots);
    for (let s = 0; s < oldSlots; s++) {
      const at = s * SLOT;
      if (old[at + ID] === EMPTY) continue;
      let i = MatrixBuilder.hash(old[at + KEY_LO]!, old[at + KEY_HI]!) & mask;
      while (table[i * SLOT + ID] !== EMPTY) i = (i + 1) & mask;
      table.set(old.subarray(at, at + SLOT), i * SLOT);
      moved[s] = i;
    }
    const grams = this.grams.data;
    for (let k = 0; k < this.grams.length; k++) grams[k] = moved[grams[k]!]!;
    this.table = table;
    this.mask = mask;
  }

  /** Adds one document: bigrams, and trigrams when asked, of each run (never across runs). */
  add(runs: string[], trigrams: boolean): void {
    const doc = this.starts.length - 1;
    for (const run of runs) {
      for (let i = 0; i + 1 < run.length; i++) {
        const a = run.charCodeAt(i);
        const b = run.charCodeAt(i + 1);
        const ab = (a << 16) | b;
        this.count(ab, 0, doc); // bigram
        if (trigrams && i + 2 < run.length) this.count(ab, run.charCodeAt(i + 2) + 1, doc); // trigram (hi ≥ 1)
      }
    }
    this.starts.push(this.grams.length);
  }

  /** w = (1 + ln tf) · ln(1 + N / df), rows L2-normalised; postings by counting sort. */
  build(): SparseMatrix {
    const n = this.starts.length - 1;
    const vocabSize = this.vocabSize;
    const total = this.grams.length;
    const table = this.table;
    // Slots → dense ids, and the idf of each id.
    const idf = new Float32Array(vocabSize);
    const docGram = this.grams.data.slice(0, total);
    for (let k = 0; k < total; k++) docGram[k] = table[docGram[k]! * SLOT + ID]!;
    for (let s = 0; s < table.length; s += SLOT) {
      const id = table[s + ID]!;
      if (id !== EMPTY) idf[id] = Math.log(1 + n / table[s + DF]!);
    }
    const docStart = Int32Array.from(this.starts);
    const docWeight = new Float32Array(total);
    const postStart = new Int32Array(vocabSize + 1);
    const counts = this.counts.data;
    for (let d = 0; d < n; d++) {
      let norm = 0;
      for (let i = docStart[d]!; i < docStart[d + 1]!; i++) {
        const w = (1 + Math.log(counts[i]!)) * idf[docGram[i]!]!;
        docWeight[i] = w;
        norm += w * w;
        postStart[docGram[i]! + 1]!++;
      }
      const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (let i = docStart[d]!; i < docStart[d + 1]!; i++) docWeight[i]! *= inv;
    }
    for (let g = 0; g < vocabSize; g++) postStart[g + 1]! += postStart[g]!;
    const fill = postStart.slice(0, vocabSize);
    const postDoc = new Int32Array(total);
    const postWeight = new Float32Array(total);
    for (let d = 0; d < n; d++) {
      for (let i = docStart[d]!; i < docStart[d + 1]!; i++) {
        const slot = fill[docGram[i]!]!++;
        postDoc[slot] = d;
        postWeight[slot] = docWeight[i]!;
      }
    }
    return { docStart, docGram, docWeight, postStart, postDoc, postWeight };
  }
}

/**
 * Indexes every measure of `plans`. Pass `simplify` (engine/text/simplify.ts
 * loadSimplifier) when a plan is in traditional script, or call
 * buildRelatedIndexAsync, which loads it when needed.
 */
export function buildRelatedIndex(plans: readonly Plan[], options: RelatedOptions = {}): RelatedIndex {
  const refs: MeasureRef[] = [];
  const planOfList: number[] = [];
  const byId = new Map<string, number>();
  const titles = new MatrixBuilder();
  const texts = new MatrixBuilder();
  // Phrases that name one thing in different words (外资 / 外商投资; seeds/suggest-lexicon.json
  // relatedSynonyms) are compared as one, after simplification.
  const canonical = relatedCanonicaliser();
  plans.forEach((plan, planNo) => {
    const simplifyScript = plan.script === 'traditional' ? options.simplify : undefined;
    const simplify = (s: string) => canonical(simplifyScript ? simplifyScript(s) : s);
    for (const m of plan.measures) {
      const doc = refs.length;
      refs.push({ planId: plan.id, planTitle: plan.title, measureId: m.id, number: m.number, title: m.title });
      planOfList.push(planNo);
      if (!byId.has(m.id)) byId.set(m.id, doc);
      byId.set(`${plan.id}\u0001${m.id}`, doc);
      const titleRuns = matchingRuns(m.title, simplify);
      titles.add(titleRuns, true);
      const text = m.text.includes(m.title) ? m.text : `${m.title}。${m.text}`;
      texts.add(matchingRuns(text, simplify), false);
    }
  });
  return {
    refs,
    planOf: Int32Array.from(planOfList),
    byId,
    titles: titles.build(),
    texts: texts.build(),
    titleWeight: options.titleWeight ?? DEFAULT_TITLE_WEIGHT,
    scratch: new Float32Array(refs.length),
  };
}

function addCosines(matrix: SparseMatrix, doc: number, factor: number, scores: Float32Array): void {
  for (let i = matrix.docStart[doc]!; i < matrix.docStart[doc + 1]!; i++) {
    const g = matrix.docGram[i]!;
    const wq = matrix.docWeight[i]! * factor;
    for (let p = matrix.postStart[g]!; p < matrix.postStart[g + 1]!; p++) scores[matrix.postDoc[p]!]! += wq * matrix.postWeight[p]!;
  }
}

/**
 * Similarity of document `doc` with every document, in the scratch array:
 * titleWeight · cos(titles) + (1 − titleWeight) · cos(whole texts).
 */
function accumulate(index: RelatedIndex, doc: number): Float32Array {
  const scores = index.scratch;
  scores.fill(0);
  addCosines(index.titles, doc, index.titleWeight, scores);
  addCosines(index.texts, doc, 1 - index.titleWeight, scores);
  return scores;
}

function round3(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** Document number of a measure id (or "planId\u0001measureId"); -1 when unknown. */
export function documentOf(index: RelatedIndex, measureId: string, planId?: string): number {
  return index.byId.get(planId ? `${planId}\u0001${measureId}` : measureId) ?? -1;
}

/** Measures of other plans most similar to `measureId`, best first. Unknown id → []. */
export function queryRelated(index: RelatedIndex, measureId: string, options: QueryOptions & { planId?: string } = {}): { planId: string; measureId: string; score: number }[] {
  const doc = documentOf(index, measureId, options.planId);
  if (doc < 0) return [];
  return relatedOfDocument(index, doc, options).map((r) => ({ planId: index.refs[r.doc]!.planId, measureId: index.refs[r.doc]!.measureId, score: r.score }));
}

function relatedOfDocument(index: RelatedIndex, doc: number, options: QueryOptions): { doc: number; score: number }[] {
  const threshold = options.threshold ?? DEFAULT_RELATED_THRESHOLD;
  const limit = options.limit ?? 10;
  const scores = accumulate(index, doc);
  const plan = index.planOf[doc];
  const hits: { doc: number; score: number }[] = [];
  for (let d = 0; d < scores.length; d++) {
    if (d === doc || scores[d]! < threshold) continue;
    if (!options.samePlan && index.planOf[d] === plan) continue;
    hits.push({ doc: d, score: round3(Math.min(1, scores[d]!)) });
  }
  hits.sort((a, b) => b.score - a.score || a.doc - b.doc);
  return hits.slice(0, limit);
}

export interface PairOptions extends QueryOptions {
  /**
   * Keep a pair only when each measure is the other's best match within the
   * other's plan (default true): a measure restated in another plan is
   * restated once, so a second, weaker match in the same plan is a neighbour,
   * not the same measure.
   */
  mutualBest?: boolean;
}

/** Every cross-plan pair at or above the threshold, best first, each pair once (a before b in plan order). */
export function findRelatedPairs(index: RelatedIndex, options: PairOptions = {}): { a: MeasureRef; b: MeasureRef; score: number }[] {
  const threshold = options.threshold ?? DEFAULT_RELATED_THRESHOLD;
  const mutualBest = options.mutualBest ?? true;
  const n = index.refs.length;
  // Best match of each document in each other plan: key doc * plans + plan.
  const candidates: { a: number; b: number; score: number }[] = [];
  const best = new Map<number, number>();
  const planCount = index.planOf.length ? Math.max(...index.planOf) + 1 : 0;
  for (let d = 0; d < n; d++) {
    const scores = accumulate(index, d);
    const plan = index.planOf[d];
    for (let e = 0; e < n; e++) {
      const score = scores[e]!;
      if (e === d || score < threshold || index.planOf[e] === plan) continue;
      const key = d * planCount + index.planOf[e]!;
      if (score > (best.get(key) ?? -1)) best.set(key, score);
      if (e > d) candidates.push({ a: d, b: e, score });
    }
  }
  const pairs = candidates.filter(
    // Scores from either side differ in the last float bits (summation order).
    (p) => !mutualBest || (p.score >= best.get(p.a * planCount + index.planOf[p.b]!)! - 1e-5 && p.score >= (best.get(p.b * planCount + index.planOf[p.a]!) ?? 0) - 1e-5),
  );
  pairs.sort((x, y) => y.score - x.score || x.a - y.a || x.b - y.b);
  const limited = options.limit !== undefined ? pairs.slice(0, options.limit) : pairs;
  return limited.map((p) => ({ a: index.refs[p.a]!, b: index.refs[p.b]!, score: round3(Math.min(1, p.score)) }));
}

/** Cosine similarity of two indexed measures (0 when either is unknown). */
export function similarity(index: RelatedIndex, measureA: string, measureB: string): number {
  const a = documentOf(index, measureA);
  const b = documentOf(index, measureB);
  if (a < 0 || b < 0) return 0;
  return round3(Math.min(1, accumulate(index, a)[b]!));
}

/** Builds the index, loading the traditional → simplified converter only when a plan needs it. */
export async function buildRelatedIndexAsync(plans: readonly Plan[], options: Omit<RelatedOptions, 'simplify'> = {}): Promise<RelatedIndex> {
  if (!plans.some((p) => p.script === 'traditional')) return buildRelatedIndex(plans, options);
  const { loadSimplifier } = await import('../text/simplify.ts');
  return buildRelatedIndex(plans, { ...options, simplify: await loadSimplifier() });
}

export { matchingRuns, matchingText } from './normalise.ts';
