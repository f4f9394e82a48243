// Property tests over corrections: any sequence of operations, applied to a
// seed and to the same seed with its white space re-flowed, gives the same
// plan (corrections anchor by id and quote, never by position or layout), and
// no sequence loses a progress entry (every entry lands on the corrected plan
// or is reported as orphaned with its measure's last text).
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadSimplifier, needsSimplification, parseText } from '../../engine/parse/index.ts';
import { seedParseOptions } from '../../engine/seed-meta.ts';
import { applyCorrections, placeEntries, type Correction, type CorrectedParse } from '../../engine/corrections/index.ts';
import { idText } from '../../engine/ids.ts';
import type { ParseResult, Plan } from '../../engine/types.ts';
import { entriesArb } from '../fixtures/arbitraries.ts';
import { reflow } from '../fixtures/reflow.ts';

const SEEDS_DIR = join(import.meta.dirname, '../../seeds');
const FILES = readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt')).sort();
const READ_TITLE = '某区2025年重点任务清单';

interface Seed {
  file: string;
  text: string;
  reflowed: string;
  parse: ParseResult;
  parseReflowed: ParseResult;
  /** The plans operations are drawn from: the parse's and the permissive reading's. */
  pools: Plan[];
  simplify?: (s: string) => string;
}

const seeds: Seed[] = [];

beforeAll(async () => {
  const simplifier = await loadSimplifier();
  for (const file of FILES) {
    const text = readFileSync(join(SEEDS_DIR, file), 'utf8');
    const reflowed = reflow(text);
    const simplify = needsSimplification(text) ? simplifier : undefined;
    const opts = { ...seedParseOptions(file), ...(simplify ? { simplify } : {}) };
    const parse = parseText(text, opts);
    const permissive = parseText(text, { ...opts, permissive: true, planTitle: READ_TITLE });
    seeds.push({ file, text, reflowed, parse, parseReflowed: parseText(reflowed, opts), pools: [...parse.plans, ...permissive.plans], ...(simplify ? { simplify } : {}) });
  }
});

/** Any correction, drawn from the seed's own measures, targets, sections and lines, plus names that exist nowhere. */
function correctionArb(seed: Seed): fc.Arbitrary<Correction> {
  const measures = seed.pools.flatMap((p) => p.measures);
  const targets = measures.flatMap((m) => m.targets);
  const sections = seed.pools.flatMap((p) => p.sections);
  const lines = seed.text.split('\n').map((l) => l.trim()).filter((l) => l.length >= 6);
  const measureId = fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...measures.map((m) => m.id)) }, { weight: 1, arbitrary: fc.constant('m_gone') });
  const measure = fc.constantFrom(...measures);
  /** A passage of a measure's text. */
  const passage = (min: number) =>
    measure.chain((m) => {
      const t = m.text.replace(/\s+/gu, '');
      if (t.length < min + 2) return fc.constant(t || 'x');
      return fc.integer({ min: 1, max: t.length - min }).chain((start) => fc.integer({ min, max: Math.min(12, t.length - start) }).map((len) => t.slice(start, start + len)));
    });
  const lineStart = fc.constantFrom(...lines).chain((l) => fc.integer({ min: 4, max: Math.min(15, l.length) }).map((n) => l.slice(0, n)));
  const targetId = targets.length ? fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...targets.map((t) => t.id)) }, { weight: 1, arbitrary: fc.constant('t_gone') }) : fc.constant('t_gone');
  const owners = fc.array(fc.constantFrom('区发展和改革局', '区财政局', '区市场监督管理局', '区政务服务数据管理局'), { maxLength: 3 });
  const ops: fc.Arbitrary<Correction>[] = [
    fc.constant<Correction>({ op: 'read-as-plan', title: READ_TITLE }),
    fc.record({ quote: lineStart, occurrence: fc.option(fc.integer({ min: 1, max: 2 }), { nil: undefined }) }).map(({ quote, occurrence }) => ({ op: 'add-measure' as const, quote, ...(occurrence ? { occurrence } : {}) })),
    measureId.map((measure) => ({ op: 'remove-measure' as const, measure })),
    fc.array(measureId, { minLength: 2, maxLength: 3 }).map((measures) => ({ op: 'merge-measures' as const, measures })),
    fc.record({ measure: measureId, at: passage(3) }).map(({ measure, at }) => ({ op: 'split-measure' as const, measure, at })),
    fc.record({ measure: measureId, section: sections.length ? fc.constantFrom(...sections.map((s) => s.id), 's_gone') : fc.constant('s_gone') }).map(({ measure, section }) => ({ op: 'move-measure' as const, measure, section })),
    fc.record({ measure: measureId, number: fc.option(fc.constantFrom('1', '（三）', ''), { nil: undefined }), title: fc.constantFrom('新标题', '推进改革') }).map(({ measure, number, title }) => ({ op: 'edit-measure' as const, measure, title, ...(number !== undefined ? { number } : {}) })),
    fc.record({ measure: measureId, owners }).map(({ measure, owners }) => ({ op: 'set-owners' as const, measure, owners })),
    fc.record({ measure: measureId, quote: fc.oneof(passage(4), targets.length ? fc.constantFrom(...targets.map((t) => t.quote)) : passage(4)), value: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined }) }).map(({ measure, quote, value }) => ({ op: 'add-target' as const, measure, quote, ...(value !== undefined ? { value } : {}) })),
    targetId.map((target) => ({ op: 'remove-target' as const, target })),
    fc.record({ target: targetId, value: fc.integer({ min: 0, max: 1000 }), comparator: fc.constantFrom('>=' as const, '<=' as const, '=' as const) }).map(({ target, value, comparator }) => ({ op: 'edit-target' as const, target, value, comparator })),
    fc.record({ measure: measureId, tag: fc.constantFrom('开办企业', '获得信贷') }).map(({ measure, tag }) => ({ op: 'add-tag' as const, measure, tag })),
  ];
  return fc.oneof(...ops);
}

/** The plan as a user sees it, independent of layout: ids, numbers, texts without white space, owners, targets, sections. */
function view(c: CorrectedParse): unknown {
  return {
    kind: c.result.kind,
    plans: c.result.plans.map((p) => ({
      id: p.id,
      fingerprint: p.fingerprint,
      title: p.title,
      sections: p.sections.map((s) => ({ id: s.id, measureIds: s.measureIds, subsections: s.subsections.map((ss) => [ss.id, ss.measureIds]) })),
      measures: p.measures.map((m) => ({
        id: m.id,
        index: m.index,
        number: m.number,
        title: idText(m.title),
        text: idText(m.text),
        units: m.units,
        unitRoles: m.unitRoles,
        sectionId: m.sectionId,
        subsectionId: m.subsectionId,
        deadline: m.deadline,
        tags: [m.tagsAdded, m.tagsRemoved],
        targets: m.targets.map((t) => ({ id: t.id, value: t.value, min: t.min, max: t.max, unit: t.unit, comparator: t.comparator, baseline: t.baseline, direction: t.direction, deadlineDate: t.deadlineDate, quote: idText(t.quote), label: idText(t.label) })),
      })),
    })),
    outcomes: c.outcomes.map((o) => [o.index, o.op, o.status, o.reason, o.measureId]),
    vanished: c.vanished.map((v) => [v.measureId, v.reason, v.into, idText(v.text)]),
    removedTargets: c.removedTargets.map((t) => [t.targetId, t.measureId]),
  };
}

describe('corrections, property-tested on every seed', () => {
  it('any sequence gives the same plan on the seed and on the seed re-flowed', () => {
    for (const seed of seeds) {
      fc.assert(
        fc.property(fc.array(correctionArb(seed), { maxLength: 8 }), (corrections) => {
          const options = seed.simplify ? { simplify: seed.simplify } : {};
          const a = applyCorrections(seed.parse, corrections, seed.text, options);
          const b = applyCorrections(seed.parseReflowed, corrections, seed.reflowed, options);
          expect(view(b)).toEqual(view(a));
          // Every operation is accounted for: applied, already true, or kept and reported.
          expect(a.outcomes.map((o) => o.index)).toEqual(corrections.map((_, i) => i));
        }),
        { numRuns: 25, seed: 12 },
      );
    }
  });

  it('no sequence drops an entry: each lands on the corrected plan or is orphaned with its last text', () => {
    for (const seed of seeds.filter((s) => s.parse.plans.length > 0)) {
      const plan = seed.parse.plans[0]!;
      fc.assert(
        fc.property(fc.array(correctionArb(seed), { maxLength: 8 }), entriesArb(plan, 'e', 12), (corrections, entries) => {
          const c = applyCorrections(seed.parse, corrections, seed.text, seed.simplify ? { simplify: seed.simplify } : {});
          const { placed, orphaned } = placeEntries(c.result, entries, c, seed.parse);
          expect(placed.length + orphaned.length).toBe(entries.length);
          expect(new Set([...placed.map((e) => e.id), ...orphaned.map((o) => o.entry.id)]).size).toBe(entries.length);
          for (const o of orphaned) expect(o.lastText.length).toBeGreaterThan(0);
          // Placed entries really are on the corrected plan.
          const ids = new Set(c.result.plans.flatMap((p) => p.measures.flatMap((m) => [m.id, ...m.targets.map((t) => t.id)])));
          for (const e of placed) if (!e.deleted) expect(ids.has(e.kind === 'value' ? e.targetId : e.measureId)).toBe(true);
        }),
        { numRuns: 25, seed: 7 },
      );
    }
  });
});
