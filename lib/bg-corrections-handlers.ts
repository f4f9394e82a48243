// The background's correction messages: preview a page read as a plan, store
// a user's corrections (or undo the last), and hand back the corrected plans.
import { pageKeyUrl, readTargetQuote, type Correction } from '../engine/corrections/index.ts';
import type { ParseResult } from '../engine/types.ts';
import type { PlanMeterDB } from './db.ts';
import type { backgroundApi, Handler } from './messages.ts';
import { addCorrections, checkCorrections, correctedPage, pageRecords, undoLast, type CorrectionEngine } from './bg-corrections.ts';
import { setTracked } from './store.ts';

type Api = typeof backgroundApi;
type Names = 'page.hasCorrections' | 'page.preview' | 'corrections.add' | 'corrections.undo' | 'target.read';

interface PlatformLike {
  notifyTabs(planId: string | undefined): void;
  now(): Date;
}

let counter = 0;
/** A unique id for a stored correction. */
function newId(now: Date): string {
  counter = (counter + 1) % 1_000_000;
  const random = globalThis.crypto?.randomUUID?.() ?? `${Math.random().toString(36).slice(2)}${counter}`;
  return `corr_${now.getTime().toString(36)}_${random}`;
}

/** The plan whose measures or targets an operation names, else the page's first plan. */
function fingerprintFor(parsed: ParseResult, ops: Correction[]): string {
  for (const op of ops) {
    const ref = 'measure' in op ? op.measure : 'target' in op ? op.target : 'measures' in op ? op.measures[0] : undefined;
    if (!ref) continue;
    const plan = parsed.plans.find((p) => p.measures.some((m) => m.id === ref || m.targets.some((t) => t.id === ref)));
    if (plan) return plan.fingerprint;
  }
  return parsed.plans[0]?.fingerprint ?? '';
}

export function correctionHandlers(
  db: PlanMeterDB,
  engine: CorrectionEngine,
  platform: PlatformLike,
  assemble: (text: string | undefined, key: string | undefined, count: number | undefined) => string,
): Pick<Handler<Api>, Names> {
  const reply = async (text: string, url: string, parsed: ParseResult, fresh: number) => {
    const page = await correctedPage(db, engine, text, url, platform.now(), parsed);
    for (const p of page.plans) platform.notifyTabs(p.id);
    const outcomes = (page.corrected?.outcomes ?? []).slice(-fresh).map((o) => ({ op: o.op, status: o.status, message: o.message, ...(o.reason ? { reason: o.reason } : {}) }));
    return { plans: page.plans.slice(0, 50), corrections: page.state, outcomes: fresh > 0 ? outcomes : [] };
  };
  return {
    async 'page.hasCorrections'({ url }) {
      const key = pageKeyUrl(url);
      return { count: key ? await db.corrections.where('url').equals(key).filter((r) => !r.deleted).count() : 0 };
    },
    async 'target.read'({ quote }) {
      const read = readTargetQuote(quote);
      if (!read) return { fields: null };
      const fields = {
        unit: read.unit,
        comparator: read.comparator,
        label: read.label,
        ...(read.value !== undefined ? { value: read.value } : {}),
        ...(read.min !== undefined ? { min: read.min } : {}),
        ...(read.max !== undefined ? { max: read.max } : {}),
        ...(read.baseline !== undefined ? { baseline: read.baseline } : {}),
        ...(read.deadline ? { deadline: read.deadline } : {}),
      };
      return { fields };
    },
    async 'page.preview'({ text, key, parts, title }) {
      const full = assemble(text, key, parts);
      const parsed = await engine.parse(full);
      const read = await engine.correct(parsed, [{ op: 'read-as-plan', title: title.trim() || '(无标题)' }], full);
      return { plan: read.outcomes[0]?.status === 'applied' ? (read.result.plans[0] ?? null) : null };
    },
    async 'corrections.add'({ text, key, parts, url, corrections }) {
      const ops = checkCorrections(corrections);
      const full = assemble(text, key, parts);
      const parsed = await engine.parse(full);
      const stored = await pageRecords(db, parsed.plans.map((p) => p.fingerprint), url);
      let fingerprint = stored.find((r) => r.correction.op === 'read-as-plan')?.fingerprint ?? fingerprintFor(parsed, ops);
      const readAs = ops.find((o) => o.op === 'read-as-plan');
      if (readAs) {
        const read = await engine.correct(parsed, [readAs], full);
        fingerprint = read.result.plans[0]?.fingerprint ?? fingerprint;
      }
      const now = platform.now();
      await addCorrections(db, ops, { fingerprint, url }, now, () => newId(now));
      const result = await reply(full, url, parsed, ops.length);
      // Reading a page as a plan is asking to follow it.
      if (readAs) for (const p of result.plans) if ((await db.plans.get(p.id))?.tracked === 0) await setTracked(db, p.id, true);
      return result;
    },
    async 'corrections.undo'({ text, key, parts, url }) {
      const full = assemble(text, key, parts);
      const parsed = await engine.parse(full);
      await undoLast(db, parsed.plans.map((p) => p.fingerprint), url, platform.now());
      return reply(full, url, parsed, 0);
    },
  };
}
