// Snapshot export and import.
//
// Export is canonical: object keys in sorted order, plans and entries sorted
// by id, two-space indentation, one trailing newline. The same snapshot
// always gives the same bytes, so export → import → export is identical and
// a diff of two files shows only what changed.
//
// Import never trusts the file: JSON errors, a wrong format or version, every
// schema violation (with its path, e.g. entries[3].value) and cross-field
// problems (an entry naming a plan the snapshot does not list, a repeated
// entry id) are all reported at once. Keys that could reach an object's
// prototype (__proto__, constructor, prototype) are removed before anything
// reads the data.
import type { Plan } from '../types.ts';
import type { ProgressEntry } from '../progress/schema.ts';
import type { CorrectionRecord } from '../corrections/schema.ts';
import { scorePlans, type PlanScore } from '../score/index.ts';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, Snapshot, type MessageRef, type Problem, type SnapshotPlanScore } from './schema.ts';

export interface CreateSnapshotInput {
  plans: readonly Plan[];
  entries: readonly ProgressEntry[];
  asOf: string;
  appVersion: string;
  createdAt: string;
  /** Stored corrections to carry along (omitted from the file when none). */
  corrections?: readonly CorrectionRecord[];
}

/** The compact score record a snapshot keeps of a plan score. */
export function compactScore(score: PlanScore, plan: Plan): SnapshotPlanScore {
  return {
    planId: score.planId,
    score: score.score,
    coverage: score.coverage,
    expected: score.expected,
    statusCounts: { ...score.statusCounts },
    measures: plan.measures.map((m) => {
      const ms = score.measures[m.id]!;
      return {
        id: m.id,
        completion: ms.completion,
        status: ms.status,
        targets: ms.targets.map((t) => ({ id: t.id, completion: t.completion, raw: t.raw, status: t.status })),
      };
    }),
  };
}

function byId<T extends { id: string }>(a: T, b: T): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** A snapshot of `plans` (referenced by id, fingerprint and title), all entries and the scores as of `asOf`. */
export function createSnapshot(input: CreateSnapshotInput): Snapshot {
  const plans = [...input.plans].sort(byId);
  const scores = scorePlans(plans, input.entries, { asOf: input.asOf });
  return {
    format: SNAPSHOT_FORMAT,
    version: SNAPSHOT_VERSION,
    appVersion: input.appVersion,
    createdAt: input.createdAt,
    asOf: input.asOf,
    plans: plans.map((p) => ({ id: p.id, fingerprint: p.fingerprint, title: p.title })),
    entries: [...input.entries].sort(byId),
    scores: scores.map((s, i) => compactScore(s, plans[i]!)),
    ...(input.corrections && input.corrections.length ? { corrections: [...input.corrections].sort(byId) } : {}),
  };
}

/** Recursively sorted keys; undefined members dropped (as JSON.stringify would). */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = canonical(v);
    }
    return out;
  }
  return value;
}

/** Canonical JSON text of any value (sorted keys, 2-space indent, trailing newline). */
export function canonicalJson(value: unknown): string {
  return `${JSON.stringify(canonical(value), null, 2)}\n`;
}

export function serializeSnapshot(snapshot: Snapshot): string {
  return canonicalJson({
    ...snapshot,
    plans: [...snapshot.plans].sort(byId),
    entries: [...snapshot.entries].sort(byId),
    ...(snapshot.corrections ? { corrections: [...snapshot.corrections].sort(byId) } : {}),
  });
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Largest snapshot file read (characters): far above a year of a district's entries, below what a browser message carries (64 MiB). */
export const MAX_SNAPSHOT_CHARS = 50_000_000;
/** Most entries one snapshot may hold (100 plans × 50 measures × 40 entries). */
export const MAX_SNAPSHOT_ENTRIES = 200_000;

/** "entries[3].value" from a zod path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(file)';
}

/** Deepest nesting a snapshot file may have (the format itself nests 6 levels; unknown fields get some room). */
export const MAX_SNAPSHOT_DEPTH = 64;

export interface JsonScan {
  /** Deepest nesting of objects and arrays, and where it is reached first. */
  depth: number;
  deepest: string;
  /** Keys that occur twice in one object ("entries" given twice: JSON.parse would silently keep the last). */
  duplicates: string[];
}

/**
 * One linear pass over JSON text, before JSON.parse, measuring nesting and
 * finding repeated keys. Stops at `maxDepth` + 1 (the file is refused then).
 * It trusts JSON.parse for validity: on text that is not JSON it returns what
 * it saw so far and parsing reports the error.
 */
export function scanJson(text: string, maxDepth = MAX_SNAPSHOT_DEPTH): JsonScan {
  const result: JsonScan = { depth: 0, deepest: '(file)', duplicates: [] };
  // One frame per open object/array: its keys so far (objects), the current key or index.
  const frames: { keys: Set<string> | null; at: string | number }[] = [];
  const pathOf = (extra?: string | number) => formatPath([...frames.slice(0, -1).map((f) => f.at), ...(extra === undefined ? [] : [extra])]);
  // Stryker disable next-line BooleanLiteral: before the first bracket no frame is open, and a key is only read with an object's frame on top
  let expectKey = false;
  // Stryker disable next-line EqualityOperator: one step past the end reads NaN, which no branch matches
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      let j = i + 1;
      // Stryker disable next-line BooleanLiteral: a key without escapes reads the same through JSON.parse
      let raw = false;
      // Stryker disable next-line EqualityOperator: an unclosed string runs to the end either way (JSON.parse refuses the text)
      for (; j < text.length; j++) {
        const d = text.charCodeAt(j);
        if (d === 0x5c /* \ */) {
          raw = true;
          j++;
        } else if (d === 0x22) break;
      }
      const top = frames.at(-1);
      // Stryker disable next-line OptionalChaining: expectKey is only ever true with an object's frame open
      if (expectKey && top?.keys) {
        let key = text.slice(i + 1, j);
        // Stryker disable next-line ConditionalExpression: a key without escapes reads the same through JSON.parse
        if (raw) {
          try {
            key = JSON.parse(text.slice(i, j + 1)) as string;
          } catch {
            // invalid escape: JSON.parse will say so
          }
        }
        if (top.keys.has(key) && result.duplicates.length < 20) result.duplicates.push(pathOf(key));
        top.keys.add(key);
        top.at = key;
        expectKey = false;
      }
      i = j;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      // An object's `at` is replaced by its first key before anything can open inside it.
      frames.push({ keys: c === 0x7b ? new Set() : null, at: 0 });
      if (frames.length > result.depth) {
        result.depth = frames.length;
        result.deepest = pathOf();
        if (result.depth > maxDepth) return result;
      }
      // Stryker disable next-line ConditionalExpression: inside an array expectKey is never read (a key needs an object's frame on top)
      expectKey = c === 0x7b;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      frames.pop();
      // Stryker disable next-line BooleanLiteral: in JSON a closing bracket is followed by a comma or another close, never a key (repeats are only reported for text JSON.parse accepts)
      expectKey = false;
    } else if (c === 0x2c /* , */) {
      const top = frames.at(-1);
      if (top?.keys) expectKey = true;
      else if (top) top.at = (top.at as number) + 1;
    }
  }
  return result;
}

/**
 * Removes prototype-reaching keys at every depth, reporting each. Iterative
 * (deep nesting cannot overflow the stack) and linear: each node keeps a link
 * to its parent, and a path is spelled out only for a key that is removed.
 */
export function stripForbiddenKeys(root: unknown, warnings: Problem[]): void {
  interface Node {
    value: unknown;
    key: PropertyKey | null;
    parent: Node | null;
  }
  const pathTo = (node: Node, last: PropertyKey): PropertyKey[] => {
    const parts: PropertyKey[] = [last];
    for (let n: Node | null = node; n && n.key !== null; n = n.parent) parts.push(n.key);
    return parts.reverse();
  };
  const stack: Node[] = [{ value: root, key: null, parent: null }];
  while (stack.length) {
    const node = stack.pop()!;
    const value = node.value;
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      value.forEach((v, i) => stack.push({ value: v, key: i, parent: node }));
      continue;
    }
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) {
        delete (value as Record<string, unknown>)[key];
        warnings.push({ path: formatPath(pathTo(node, key)), message: `key "${key}" is not allowed and was removed` });
      } else stack.push({ value: (value as Record<string, unknown>)[key], key, parent: node });
    }
  }
}

/** Fields present in the file but not in the validated result (unknown fields the schema dropped). */
function droppedFields(input: unknown, output: unknown, path: PropertyKey[], warnings: Problem[]): void {
  if (Array.isArray(input) && Array.isArray(output)) {
    input.forEach((v, i) => droppedFields(v, output[i], [...path, i], warnings));
    return;
  }
  if (input === null || typeof input !== 'object' || output === null || typeof output !== 'object') return;
  for (const key of Object.keys(input)) {
    if (!Object.prototype.hasOwnProperty.call(output, key)) warnings.push({ path: formatPath([...path, key]), message: `unknown field "${key}" ignored` });
    else droppedFields((input as Record<string, unknown>)[key], (output as Record<string, unknown>)[key], [...path, key], warnings);
  }
}

export type ParseSnapshotResult = { ok: true; snapshot: Snapshot; warnings: Problem[] } | { ok: false; problems: Problem[] };

export interface SnapshotLimits {
  chars: number;
  entries: number;
}

const WAY_OUT = 'move older entries to another file with "planmeter split FILE --before YYYY-MM-DD" (or export fewer plans per file)';
const WAY_OUT_TEXT: MessageRef = { id: 'snapshot.wayOut', params: { path: 'FILE' } };

/**
 * Why a snapshot about to be written could not be read back (over the size or
 * entry limits), or null. Writers check this first: a file nothing can open is never written.
 */
export function snapshotWriteProblem(snapshot: Snapshot, text: string = serializeSnapshot(snapshot)): Problem | null {
  if (snapshot.entries.length > MAX_SNAPSHOT_ENTRIES) {
    return {
      path: 'entries',
      message: `the file would hold ${snapshot.entries.length} entries, more than the ${MAX_SNAPSHOT_ENTRIES} any PlanMeter reads back; nothing was written; ${WAY_OUT}`,
      text: { id: 'snapshot.wouldHoldEntries', params: { count: snapshot.entries.length, max: MAX_SNAPSHOT_ENTRIES, wayOut: WAY_OUT_TEXT } },
    };
  }
  if (text.length > MAX_SNAPSHOT_CHARS) {
    return {
      path: '(file)',
      message: `the file would be ${text.length} characters, more than the ${MAX_SNAPSHOT_CHARS} any PlanMeter reads back; nothing was written; ${WAY_OUT}`,
      text: { id: 'snapshot.wouldBeChars', params: { chars: text.length, max: MAX_SNAPSHOT_CHARS, wayOut: WAY_OUT_TEXT } },
    };
  }
  return null;
}

/** Validates a snapshot file's text; on failure lists every problem with its path. Never throws. */
export function parseSnapshot(json: string, limits: SnapshotLimits = { chars: MAX_SNAPSHOT_CHARS, entries: MAX_SNAPSHOT_ENTRIES }): ParseSnapshotResult {
  // Size limits first, so a huge file is refused in milliseconds instead of
  // validating a million entries (and filling memory) to the same end.
  if (json.length > limits.chars) {
    const text: MessageRef = { id: 'snapshot.tooLargeToRead', params: { chars: json.length, max: limits.chars, wayOut: WAY_OUT_TEXT } };
    return { ok: false, problems: [{ path: '(file)', message: `file too large: ${json.length} characters, at most ${limits.chars}; ${WAY_OUT}`, text }] };
  }
  const text = json.replace(/^\uFEFF/u, '');
  const scan = scanJson(text);
  if (scan.depth > MAX_SNAPSHOT_DEPTH) {
    const text: MessageRef = { id: 'snapshot.tooDeep', params: { max: MAX_SNAPSHOT_DEPTH, at: scan.deepest } };
    return { ok: false, problems: [{ path: scan.deepest, message: `nested more than ${MAX_SNAPSHOT_DEPTH} levels deep (a snapshot needs 6); this is not a PlanMeter export: remove the field at ${scan.deepest}`, text }] };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, problems: [{ path: '(file)', message: `not valid JSON: ${detail}`, text: { id: 'snapshot.badJson', params: { detail } } }] };
  }
  if (scan.duplicates.length) {
    // JSON.parse keeps the last of two equal keys: a second "entries" list would silently
    // replace the first, and the next write would make the loss permanent.
    return { ok: false, problems: scan.duplicates.map((path) => ({ path, message: 'this key appears twice in one object; keep one (merge the two lists by hand, or with "planmeter merge")', text: { id: 'snapshot.duplicateKey' } })) };
  }
  const count = (data as { entries?: unknown } | null)?.entries;
  if (Array.isArray(count) && count.length > limits.entries) {
    const text: MessageRef = { id: 'snapshot.tooManyEntries', params: { count: count.length, max: limits.entries, wayOut: WAY_OUT_TEXT } };
    return { ok: false, problems: [{ path: 'entries', message: `too many entries: ${count.length}, at most ${limits.entries} in one file; ${WAY_OUT}`, text }] };
  }
  const warnings: Problem[] = [];
  stripForbiddenKeys(data, warnings);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, problems: [{ path: '(file)', message: 'a snapshot must be a JSON object', text: { id: 'snapshot.notObject' } }] };
  }
  const problems: Problem[] = [];
  const top = data as Record<string, unknown>;
  // The two fields that decide whether the rest can be read at all, said plainly.
  if (top.format !== SNAPSHOT_FORMAT) {
    const found = JSON.stringify(top.format) ?? 'missing';
    problems.push({ path: 'format', message: `not a PlanMeter snapshot: format is ${found}, expected "${SNAPSHOT_FORMAT}"`, text: { id: 'snapshot.badFormat', params: { found, expected: SNAPSHOT_FORMAT } } });
  }
  if (top.version !== SNAPSHOT_VERSION) {
    const v = top.version;
    const newer = typeof v === 'number' && v > SNAPSHOT_VERSION;
    const found = newer ? v : (JSON.stringify(v) ?? 'missing');
    const message = newer ? `version ${v} is newer than this PlanMeter reads (${SNAPSHOT_VERSION}); update PlanMeter` : `unsupported version ${found}, expected ${SNAPSHOT_VERSION}`;
    problems.push({ path: 'version', message, text: { id: newer ? 'snapshot.newerVersion' : 'snapshot.badVersion', params: { found, expected: SNAPSHOT_VERSION } } });
  }
  const result = Snapshot.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = formatPath(issue.path);
      if (path === 'format' || path === 'version') continue; // said above
      // A wrong or missing field, said in the user's language by the caller; other issues stay as zod words them.
      const text: MessageRef | undefined = issue.code === 'invalid_type' ? { id: 'snapshot.fieldType', params: { expected: String(issue.expected), detail: issue.message } } : undefined;
      problems.push(text ? { path, message: issue.message, text } : { path, message: issue.message });
    }
  } else {
    problems.push(...crossFieldProblems(result.data));
  }
  if (problems.length) return { ok: false, problems };
  droppedFields(data, result.data, [], warnings);
  return { ok: true, snapshot: result.data!, warnings };
}

function crossFieldProblems(snapshot: Snapshot): Problem[] {
  const problems: Problem[] = [];
  const planIds = new Set<string>();
  snapshot.plans.forEach((p, i) => {
    if (planIds.has(p.id)) problems.push({ path: `plans[${i}].id`, message: `plan ${p.id} is listed twice` });
    planIds.add(p.id);
  });
  const entryIds = new Map<string, number>();
  snapshot.entries.forEach((e, i) => {
    const first = entryIds.get(e.id);
    if (first !== undefined) problems.push({ path: `entries[${i}].id`, message: `entry id ${e.id} repeats entries[${first}]` });
    else entryIds.set(e.id, i);
    if (!planIds.has(e.planId)) problems.push({ path: `entries[${i}].planId`, message: `plan ${e.planId} is not among the snapshot's plans` });
  });
  const correctionIds = new Map<string, number>();
  (snapshot.corrections ?? []).forEach((c, i) => {
    const first = correctionIds.get(c.id);
    if (first !== undefined) problems.push({ path: `corrections[${i}].id`, message: `correction id ${c.id} repeats corrections[${first}]` });
    else correctionIds.set(c.id, i);
  });
  snapshot.scores.forEach((s, i) => {
    if (!planIds.has(s.planId)) problems.push({ path: `scores[${i}].planId`, message: `plan ${s.planId} is not among the snapshot's plans` });
  });
  return problems;
}

/** Problems as lines for a terminal or an alert: "entries[3].value: expected number". */
export function formatProblems(problems: Problem[]): string {
  return problems.map((p) => `${p.path}: ${p.message}`).join('\n');
}

export interface SnapshotPlanMatch {
  /** Plans known here with the same id and fingerprint. */
  matched: Plan[];
  /** Same id, different fingerprint: the plan's text changed since the snapshot was made. */
  changed: { ref: Snapshot['plans'][number]; plan: Plan }[];
  /** Plans the snapshot refers to that are not known here (their entries cannot be scored). */
  missing: Snapshot['plans'][number][];
}

/** Pairs the snapshot's plan references with the plans known here, by id, checking fingerprints. */
export function resolveSnapshotPlans(snapshot: Snapshot, known: readonly Plan[]): SnapshotPlanMatch {
  const byId = new Map(known.map((p) => [p.id, p]));
  const result: SnapshotPlanMatch = { matched: [], changed: [], missing: [] };
  for (const ref of snapshot.plans) {
    const plan = byId.get(ref.id);
    if (!plan) result.missing.push(ref);
    else if (plan.fingerprint !== ref.fingerprint) result.changed.push({ ref, plan });
    else result.matched.push(plan);
  }
  return result;
}
