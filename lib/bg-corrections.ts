// The background's side of corrections: stored per page (plan fingerprint and
// URL) in the `corrections` table, applied after every parse, and kept in
// step with the stored plan they correct.
//
// Writes happen on a user's correction or undo (corrections.add / .undo, sent
// only from trusted clicks and key presses in the overlay and popup). A page
// visit writes only what follows from corrections already stored: the stored
// copy of a corrected plan is refreshed when it differs, and a page the user
// read as a plan (read-as-plan, e.g. imported from a snapshot) is tracked.
import type { CorrectedParse, Correction, CorrectionRecord } from '../engine/corrections/index.ts';
import { CorrectionSchema, pageKeyUrl, recordOrder } from '../engine/corrections/index.ts';
import type { ParseResult, Plan } from '../engine/types.ts';
import type { PlanMeterDB } from './db.ts';
import { guardQuota, planRecord, savePlan, StoreError } from './store.ts';

export interface CorrectionEngine {
  parse(text: string): Promise<ParseResult>;
  correct(parse: ParseResult, corrections: Correction[], text: string): Promise<CorrectedParse>;
}

/** What a page shows about its corrections: the "已校正 N 处" mark and its undo. */
export interface CorrectionState {
  /** Operations applied. */
  count: number;
  /** Operations kept but not applied (their measure or quote is gone). */
  unresolved: number;
  /** Live stored operations for this page, in order (the last one is what undo takes back). */
  ops: string[];
}

export const NO_CORRECTIONS: CorrectionState = { count: 0, unresolved: 0, ops: [] };

/** The live stored corrections of a page: by the fingerprints of its parsed plans, or by its URL. */
export async function pageRecords(db: PlanMeterDB, fingerprints: readonly string[], url: string): Promise<CorrectionRecord[]> {
  const key = pageKeyUrl(url);
  const byUrl = key ? await db.corrections.where('url').equals(key).toArray() : [];
  const fps = fingerprints.filter(Boolean);
  const byFp = fps.length ? await db.corrections.where('fingerprint').anyOf(fps).toArray() : [];
  const all = new Map([...byUrl, ...byFp].map((r) => [r.id, r]));
  return [...all.values()].filter((r) => !r.deleted).sort(recordOrder);
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Parses a page and applies its stored corrections; keeps the stored copy of
 * each corrected plan in step (same id and fingerprint), and tracks a plan the
 * user read from this page when it is not stored yet.
 */
export async function correctedPage(
  db: PlanMeterDB,
  engine: CorrectionEngine,
  text: string,
  url: string,
  now: Date,
  parsedAlready?: ParseResult,
): Promise<{ plans: Plan[]; state: CorrectionState; parsed: ParseResult; corrected: CorrectedParse | null }> {
  const parsed = parsedAlready ?? (await engine.parse(text));
  const records = await pageRecords(db, parsed.plans.map((p) => p.fingerprint), url);
  if (records.length === 0) return { plans: parsed.plans, state: NO_CORRECTIONS, parsed, corrected: null };
  const corrected = await engine.correct(parsed, records.map((r) => r.correction), text);
  const readAsPlan = corrected.outcomes.some((o) => o.op === 'read-as-plan' && o.status === 'applied');
  for (const plan of corrected.result.plans) {
    const stored = await db.plans.get(plan.id);
    if (stored && stored.fingerprint === plan.fingerprint && !sameJson(stored.plan, plan)) {
      await savePlan(db, { ...planRecord(plan, stored.origin, stored.source, stored.tracked === 1, now), addedAt: stored.addedAt });
    } else if (!stored && readAsPlan) {
      await savePlan(db, planRecord(plan, 'page', pageKeyUrl(url), true, now));
    }
  }
  return {
    plans: corrected.result.plans,
    parsed,
    corrected,
    state: {
      count: corrected.applied,
      unresolved: corrected.outcomes.filter((o) => o.status === 'unresolved').length,
      ops: records.map((r) => r.correction.op),
    },
  };
}

/** Checks operations sent by a page with the engine's full schema; the first problem names the operation and field. */
export function checkCorrections(list: readonly unknown[]): Correction[] {
  return list.map((item, i) => {
    const r = CorrectionSchema.safeParse(item);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      const op = (item as { op?: unknown })?.op;
      const path = `corrections[${i}]${typeof op === 'string' ? ` (${op.slice(0, 40)})` : ''}.${issue.path.map(String).join('.')}`;
      throw new StoreError('invalid', `${path}: ${issue.message}`, path);
    }
    return r.data;
  });
}

/** Stores new operations for a page (made on `fingerprint` at `url`), in order. */
export async function addCorrections(db: PlanMeterDB, corrections: Correction[], page: { fingerprint: string; url: string; planId?: string }, now: Date, newId: () => string): Promise<CorrectionRecord[]> {
  const records: CorrectionRecord[] = corrections.map((correction, i) => {
    const id = newId();
    const at = new Date(now.getTime() + i).toISOString();
    return { id, fingerprint: page.fingerprint, url: pageKeyUrl(page.url), ...(page.planId ? { planId: page.planId } : {}), createdAt: at, updatedAt: at, correction: { ...correction, id } };
  });
  await guardQuota(() => db.corrections.bulkPut(records));
  return records;
}

/** Takes back the page's last live operation (a tombstone, so a merge never brings it back). */
export async function undoLast(db: PlanMeterDB, fingerprints: readonly string[], url: string, now: Date): Promise<CorrectionRecord | null> {
  const live = await pageRecords(db, fingerprints, url);
  const last = live.at(-1);
  if (!last) return null;
  const tomb: CorrectionRecord = { ...last, deleted: true, updatedAt: now.toISOString() };
  await guardQuota(() => db.corrections.put(tomb));
  return tomb;
}
