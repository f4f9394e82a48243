// Reading corrections files, choosing a page's stored corrections, merging
// them like entries, and finding the progress entries corrections orphaned.
import { formatPath } from '../snapshot/io.ts';
import type { Problem } from '../snapshot/schema.ts';
import type { ProgressEntry } from '../progress/schema.ts';
import type { ParseResult } from '../types.ts';
import type { RemovedTarget, VanishedMeasure } from './apply.ts';
import { CORRECTIONS_VERSION, CORRECTION_OPS, Correction, CorrectionsFile, MAX_CORRECTIONS, type CorrectionRecord } from './schema.ts';

export type ParseCorrectionsResult = { ok: true; file: CorrectionsFile } | { ok: false; problems: Problem[] };

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Validates a corrections file's text. Every problem names the operation and
 * the field: `corrections[3] (set-owners).owners[0]: expected string`.
 * Never throws.
 */
export function parseCorrectionsFile(json: string): ParseCorrectionsResult {
  if (json.length > 20_000_000) return { ok: false, problems: [{ path: '(file)', message: `file too large: ${json.length} characters` }] };
  let data: unknown;
  try {
    data = JSON.parse(json.replace(/^\uFEFF/u, ''), (key, value: unknown) => (FORBIDDEN_KEYS.has(key) ? undefined : value));
  } catch (error) {
    return { ok: false, problems: [{ path: '(file)', message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` }] };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { ok: false, problems: [{ path: '(file)', message: 'a corrections file must be a JSON object { "version": 1, "corrections": [...] }' }] };
  }
  const top = data as Record<string, unknown>;
  const problems: Problem[] = [];
  if (top.version !== CORRECTIONS_VERSION) {
    const v = top.version;
    problems.push({
      path: 'version',
      message: typeof v === 'number' && v > CORRECTIONS_VERSION ? `version ${v} is newer than this PlanMeter reads (${CORRECTIONS_VERSION}); update PlanMeter` : `unsupported version ${JSON.stringify(v) ?? 'missing'}, expected ${CORRECTIONS_VERSION}`,
    });
  }
  const list = top.corrections;
  if (!Array.isArray(list)) {
    problems.push({ path: 'corrections', message: 'expected a list of operations' });
    return { ok: false, problems };
  }
  if (list.length > MAX_CORRECTIONS) {
    problems.push({ path: 'corrections', message: `too many operations: ${list.length}, at most ${MAX_CORRECTIONS}` });
    return { ok: false, problems };
  }
  problems.push(...correctionProblems(list, 'corrections'));
  if (problems.length) return { ok: false, problems };
  return { ok: true, file: CorrectionsFile.parse(data) };
}

/** Problems of each operation in `list`, named `corrections[i] (op).field`. */
export function correctionProblems(list: readonly unknown[], path: string): Problem[] {
  const problems: Problem[] = [];
  list.forEach((item, i) => {
    const op = item && typeof item === 'object' ? (item as { op?: unknown }).op : undefined;
    const at = `${path}[${i}]${typeof op === 'string' && (CORRECTION_OPS as readonly string[]).includes(op) ? ` (${op})` : ''}`;
    if (typeof op !== 'string' || !(CORRECTION_OPS as readonly string[]).includes(op)) {
      problems.push({ path: `${at}.op`, message: `unknown operation ${JSON.stringify(op) ?? 'missing'}; expected one of ${CORRECTION_OPS.join(', ')}` });
      return;
    }
    const result = Correction.safeParse(item);
    if (!result.success) {
      for (const issue of result.error.issues) problems.push({ path: `${at}.${formatPath(issue.path)}`, message: issue.message });
    }
  });
  return problems;
}

/** A page's URL as corrections key it: no #fragment. */
export function pageKeyUrl(url: string): string {
  const hash = url.indexOf('#');
  return hash >= 0 ? url.slice(0, hash) : url;
}

/** The live records that belong to a page (same fingerprint as one of its parsed plans, or same URL), in the order they apply. */
export function correctionsFor(records: readonly CorrectionRecord[], page: { fingerprints: readonly string[]; url?: string }): CorrectionRecord[] {
  const fps = new Set(page.fingerprints.filter(Boolean));
  const url = page.url ? pageKeyUrl(page.url) : '';
  return records
    .filter((r) => !r.deleted && ((r.fingerprint && fps.has(r.fingerprint)) || (url && r.url && pageKeyUrl(r.url) === url)))
    .sort(recordOrder);
}

export function recordOrder(a: CorrectionRecord, b: CorrectionRecord): number {
  return a.createdAt !== b.createdAt ? (a.createdAt < b.createdAt ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function canonicalKey(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().filter((k) => (v as Record<string, unknown>)[k] !== undefined).map((k) => [k, sort((v as Record<string, unknown>)[k])]));
    return v;
  };
  return JSON.stringify(sort(value));
}

/**
 * Merges stored corrections like entries: keyed by id, the later edit
 * (updatedAt) wins, ties go to the larger canonical JSON, undo tombstones win
 * the same way. Commutative, associative, idempotent.
 */
export function mergeCorrectionRecords(...lists: readonly (readonly CorrectionRecord[])[]): CorrectionRecord[] {
  const best = new Map<string, { record: CorrectionRecord; key: string }>();
  for (const list of lists) {
    for (const record of list) {
      const key = canonicalKey(record);
      const seen = best.get(record.id);
      if (!seen || record.updatedAt > seen.record.updatedAt || (record.updatedAt === seen.record.updatedAt && key > seen.key)) best.set(record.id, { record, key });
    }
  }
  return [...best.values()].map((v) => v.record).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** A progress entry that no longer lands on a measure or target of the corrected plan, with what it was recorded on. */
export interface OrphanedEntry {
  entry: ProgressEntry;
  /** Last known text of the measure (or target quote) it was recorded on; '' when nothing is known of it. */
  lastText: string;
  reason: 'removed' | 'merged' | 'target-removed' | 'unknown';
  /** A measure to reassign it to (the one a measure was merged into). */
  suggested?: string;
}

/**
 * Where each entry of a corrected plan lands: an entry whose measure (status
 * entries) or target (value entries) is still there is placed; every other
 * one is returned as orphaned with its measure's last known text. No entry is
 * in neither list.
 */
export function placeEntries(
  result: ParseResult,
  entries: readonly ProgressEntry[],
  lost: { vanished: readonly VanishedMeasure[]; removedTargets: readonly RemovedTarget[] },
  before?: ParseResult,
): { placed: ProgressEntry[]; orphaned: OrphanedEntry[] } {
  const measures = new Set<string>();
  const targets = new Set<string>();
  for (const p of result.plans) {
    for (const m of p.measures) {
      measures.add(`${p.id}\u0001${m.id}`);
      for (const t of m.targets) targets.add(`${p.id}\u0001${t.id}`);
    }
  }
  const vanished = new Map(lost.vanished.map((v) => [`${v.planId}\u0001${v.measureId}`, v]));
  const removedTargets = new Map(lost.removedTargets.map((t) => [`${t.planId}\u0001${t.targetId}`, t]));
  const old = new Map<string, string>();
  for (const p of before?.plans ?? []) for (const m of p.measures) old.set(`${p.id}\u0001${m.id}`, m.text);
  const placed: ProgressEntry[] = [];
  const orphaned: OrphanedEntry[] = [];
  for (const entry of entries) {
    if (entry.deleted) {
      placed.push(entry);
      continue;
    }
    const mKey = `${entry.planId}\u0001${entry.measureId}`;
    const ok = entry.kind === 'value' ? targets.has(`${entry.planId}\u0001${entry.targetId}`) : measures.has(mKey);
    if (ok) {
      placed.push(entry);
      continue;
    }
    const v = vanished.get(mKey);
    const t = entry.kind === 'value' ? removedTargets.get(`${entry.planId}\u0001${entry.targetId}`) : undefined;
    if (t) orphaned.push({ entry, lastText: t.quote || t.label, reason: 'target-removed', suggested: t.measureId });
    else if (v) orphaned.push({ entry, lastText: v.text || v.title, reason: v.reason, ...(v.into ? { suggested: v.into } : {}) });
    else orphaned.push({ entry, lastText: old.get(mKey) ?? '', reason: 'unknown' });
  }
  return { placed, orphaned };
}
