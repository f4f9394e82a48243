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
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, Snapshot, type Problem, type SnapshotPlanScore } from './schema.ts';

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

/** Removes prototype-reaching keys everywhere, reporting each (iterative: deep nesting cannot overflow the stack). */
function stripForbiddenKeys(root: unknown, warnings: Problem[]): void {
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value: root, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    if (Array.isArray(value)) {
      value.forEach((v, i) => stack.push({ value: v, path: [...path, i] }));
      continue;
    }
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) {
        delete (value as Record<string, unknown>)[key];
        warnings.push({ path: formatPath([...path, key]), message: `key "${key}" is not allowed and was removed` });
      } else stack.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] });
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

/** Validates a snapshot file's text; on failure lists every problem with its path. Never throws. */
export function parseSnapshot(json: string): ParseSnapshotResult {
  // Size limits first, so a huge file is refused in milliseconds instead of
  // validating a million entries (and filling memory) to the same end.
  if (json.length > MAX_SNAPSHOT_CHARS) {
    return { ok: false, problems: [{ path: '(file)', message: `file too large: ${json.length} characters, at most ${MAX_SNAPSHOT_CHARS}; export fewer plans per file` }] };
  }
  let data: unknown;
  try {
    data = JSON.parse(json.replace(/^\uFEFF/u, ''));
  } catch (error) {
    return { ok: false, problems: [{ path: '(file)', message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  const count = (data as { entries?: unknown } | null)?.entries;
  if (Array.isArray(count) && count.length > MAX_SNAPSHOT_ENTRIES) {
    return { ok: false, problems: [{ path: 'entries', message: `too many entries: ${count.length}, at most ${MAX_SNAPSHOT_ENTRIES} in one file; export fewer plans per file` }] };
  }
  const warnings: Problem[] = [];
  stripForbiddenKeys(data, warnings);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, problems: [{ path: '(file)', message: 'a snapshot must be a JSON object' }] };
  }
  const problems: Problem[] = [];
  const top = data as Record<string, unknown>;
  // The two fields that decide whether the rest can be read at all, said plainly.
  if (top.format !== SNAPSHOT_FORMAT) {
    problems.push({ path: 'format', message: `not a PlanMeter snapshot: format is ${JSON.stringify(top.format) ?? 'missing'}, expected "${SNAPSHOT_FORMAT}"` });
  }
  if (top.version !== SNAPSHOT_VERSION) {
    const v = top.version;
    const message =
      typeof v === 'number' && v > SNAPSHOT_VERSION
        ? `version ${v} is newer than this PlanMeter reads (${SNAPSHOT_VERSION}); update PlanMeter`
        : `unsupported version ${JSON.stringify(v) ?? 'missing'}, expected ${SNAPSHOT_VERSION}`;
    problems.push({ path: 'version', message });
  }
  const result = Snapshot.safeParse(data);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = formatPath(issue.path);
      if (path === 'format' || path === 'version') continue; // said above
      problems.push({ path, message: issue.message });
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
