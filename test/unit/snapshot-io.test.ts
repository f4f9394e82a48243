import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createSnapshot, diffSnapshots, mergeSnapshots, parseSnapshot, serializeSnapshot, snapshotToCsv, csvCell, resolveSnapshotPlans, type Snapshot } from '../../engine/snapshot/index.ts';
import type { ProgressEntry } from '../../engine/progress/schema.ts';
import { makePlan, statusEntry, valueEntry } from './fixtures/plan.ts';

const plan = makePlan({ title: '光明区2025年优化营商环境改革工作方案', measures: [{ title: '打造知识产权保护服务样板', targets: [{ value: 200, label: '知识产权服务包' }] }, { title: '推进信用修复' }] });
const [m1, m2] = plan.measures;
const entries = [
  valueEntry(plan, m1!.targets[0]!.id, 150, '2025-06-30', { note: '已制定150个，含"重点"企业', author: '张三' }),
  statusEntry(plan, m2!.id, { milestone: '推进中' }, '2025-06-30', { note: '=HYPERLINK("http://x")' }),
];
const snapshot = createSnapshot({ plans: [plan], entries, asOf: '2025-07-01', appVersion: '0.1.0', createdAt: '2025-07-01T08:00:00Z' });

function ok(json: string): Snapshot {
  const r = parseSnapshot(json);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.snapshot;
}

describe('snapshot export/import', () => {
  it('carries plans by id and fingerprint, entries and computed scores', () => {
    expect(snapshot.plans).toEqual([{ id: plan.id, fingerprint: plan.fingerprint, title: plan.title }]);
    expect(snapshot.scores[0]!.measures[0]!.completion).toBe(75);
    expect(snapshot.scores[0]!.score).toBe(62.5); // (75 + 50) / 2
  });

  it('export → import → export is byte-identical', () => {
    const first = serializeSnapshot(snapshot);
    const second = serializeSnapshot(ok(first));
    expect(second).toBe(first);
    // Key order and white space in the file do not matter to the export.
    const reversed = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(reversed) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversed(x)])) : v;
    const shuffled = JSON.stringify(reversed(JSON.parse(first)));
    expect(shuffled).not.toBe(first);
    expect(serializeSnapshot(ok(shuffled))).toBe(first);
  });

  it('refuses a wrong format or version with a message naming the field', () => {
    const data = JSON.parse(serializeSnapshot(snapshot));
    const v2 = parseSnapshot(JSON.stringify({ ...data, version: 2 }));
    expect(v2.ok).toBe(false);
    if (!v2.ok) {
      expect(v2.problems[0]!.path).toBe('version');
      expect(v2.problems[0]!.message).toContain('newer');
    }
    const other = parseSnapshot(JSON.stringify({ ...data, format: 'something.else' }));
    expect(other.ok).toBe(false);
    if (!other.ok) expect(other.problems.map((p) => p.path)).toContain('format');
  });

  it('reports every problem with its path', () => {
    const data = JSON.parse(serializeSnapshot(snapshot));
    data.entries[0].value = 'many';
    data.entries[1].date = '2025-02-30';
    data.entries[1].planId = 'nowhere';
    data.asOf = '1 July';
    delete data.appVersion;
    const r = parseSnapshot(JSON.stringify(data));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['entries[0].value', 'entries[1].date', 'asOf', 'appVersion']));
    expect(r.problems.find((p) => p.path === 'entries[1].date')!.message).toContain('calendar');
  });

  it('reports cross-field problems: unknown plan, repeated entry id', () => {
    const data = JSON.parse(serializeSnapshot(snapshot));
    data.entries[1].planId = 'nowhere';
    data.entries.push({ ...data.entries[0] });
    const r = parseSnapshot(JSON.stringify(data));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.path)).toEqual(expect.arrayContaining(['entries[1].planId', 'entries[2].id']));
  });

  it('refuses non-JSON and non-objects', () => {
    expect(parseSnapshot('{"format":').ok).toBe(false);
    expect(parseSnapshot('[]').ok).toBe(false);
    const r = parseSnapshot('null');
    expect(r.ok === false && r.problems[0]!.message).toContain('JSON object');
  });

  it('__proto__ and constructor keys do not pollute and are reported', () => {
    const text = serializeSnapshot(snapshot).replace('"appVersion"', '"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "appVersion"');
    const r = parseSnapshot(text);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.warnings.map((w) => w.path)).toEqual(expect.arrayContaining(['__proto__', 'constructor']));
      expect(Object.prototype.hasOwnProperty.call(r.snapshot, '__proto__')).toBe(false);
      expect(serializeSnapshot(r.snapshot)).toBe(serializeSnapshot(snapshot));
    }
  });

  it('unknown fields are dropped with a warning', () => {
    const data = JSON.parse(serializeSnapshot(snapshot));
    data.entries[0].mood = 'good';
    const r = parseSnapshot(JSON.stringify(data));
    expect(r.ok && r.warnings.map((w) => w.path)).toEqual(['entries[0].mood']);
  });

  it('a status entry with neither milestone nor percent is refused', () => {
    const data = JSON.parse(serializeSnapshot(snapshot));
    const status = data.entries.find((e: { kind: string }) => e.kind === 'status');
    delete status.milestone;
    const r = parseSnapshot(JSON.stringify(data));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]!.message).toContain('milestone');
  });
});

describe('resolveSnapshotPlans', () => {
  it('matches plans by id and fingerprint, and names changed and missing ones', () => {
    const other = makePlan({ id: 'p2', measures: [{}] });
    const two = createSnapshot({ plans: [plan, other], entries, asOf: '2025-07-01', appVersion: '0.1.0', createdAt: '2025-07-01T08:00:00Z' });
    const edited = { ...plan, fingerprint: 'fp-changed' };
    const r = resolveSnapshotPlans(two, [edited]);
    expect(r.matched).toEqual([]);
    expect(r.changed.map((c) => c.ref.id)).toEqual([plan.id]);
    expect(r.missing.map((m) => m.id)).toEqual(['p2']);
    expect(resolveSnapshotPlans(two, [plan, other]).matched.map((p) => p.id)).toEqual([plan.id, 'p2']);
  });
});

describe('CSV', () => {
  const csv = snapshotToCsv(snapshot, [plan]);
  it('starts with a UTF-8 BOM, uses CRLF, keeps Chinese', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.split('\r\n').length).toBe(4); // header, two rows, final empty
    expect(csv).toContain('光明区2025年优化营商环境改革工作方案');
  });
  it('quotes per RFC 4180 and escapes formulas', () => {
    expect(csv).toContain('"已制定150个，含""重点""企业"');
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-x')).toBe("'-x");
    expect(csvCell('@a')).toBe("'@a");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell(-5)).toBe('-5'); // numbers stay numbers
    expect(csvCell('a\nb')).toBe('"a\nb"');
  });
});

describe('merge', () => {
  const base = { plans: [plan], asOf: '2025-07-01', appVersion: '0.1.0' };
  const t = m1!.targets[0]!.id;
  const e1 = valueEntry(plan, t, 100, '2025-05-01', { id: 'x1', updatedAt: '2025-05-01T10:00:00Z' });
  const e1later = { ...e1, value: 120, updatedAt: '2025-05-02T10:00:00Z' } as ProgressEntry;
  const e2 = statusEntry(plan, m2!.id, { percent: 30 }, '2025-06-01', { id: 'x2' });
  const a = createSnapshot({ ...base, entries: [e1, e2], createdAt: '2025-07-01T08:00:00Z' });
  const b = createSnapshot({ ...base, entries: [e1later], createdAt: '2025-07-01T09:00:00Z' });

  it('entries by id, the later edit wins, the conflict is listed', () => {
    const { snapshot: merged, conflicts } = mergeSnapshots([a, b], { plans: [plan] });
    expect(merged.entries.map((e) => e.id)).toEqual(['x1', 'x2']);
    expect((merged.entries[0] as { value: number }).value).toBe(120);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ kind: 'entry', id: 'x1', reason: 'later-edit' });
    expect(merged.scores[0]!.measures[0]!.completion).toBe(60); // recomputed from 120 of 200
  });

  it('a tombstone edited later wins: the entry stays deleted', () => {
    const gone = createSnapshot({ ...base, entries: [{ ...e2, deleted: true, updatedAt: '2025-08-01T00:00:00Z' } as ProgressEntry], createdAt: '2025-08-01T00:00:00Z' });
    const { snapshot: merged } = mergeSnapshots([a, gone]);
    expect(merged.entries.find((e) => e.id === 'x2')!.deleted).toBe(true);
  });

  const entryArb = fc.record({
    id: fc.constantFrom('k1', 'k2', 'k3', 'k4'),
    value: fc.integer({ min: 0, max: 300 }),
    day: fc.integer({ min: 1, max: 28 }),
    minute: fc.integer({ min: 0, max: 3 }),
  }).map(({ id, value, day, minute }) => ({ ...valueEntry(plan, t, value, `2025-06-${String(day).padStart(2, '0')}`), id, updatedAt: `2025-06-10T10:0${minute}:00Z` }) as ProgressEntry);
  const snapArb = fc.array(entryArb, { maxLength: 6 }).map((list) => {
    const unique = [...new Map(list.map((e) => [e.id, e])).values()];
    return createSnapshot({ ...base, entries: unique, createdAt: '2025-07-01T08:00:00Z' });
  });

  it('is commutative, associative and idempotent (property)', () => {
    fc.assert(
      fc.property(snapArb, snapArb, snapArb, (x, y, z) => {
        const ser = (s: Snapshot) => serializeSnapshot(s);
        expect(ser(mergeSnapshots([x, y]).snapshot)).toBe(ser(mergeSnapshots([y, x]).snapshot));
        expect(ser(mergeSnapshots([mergeSnapshots([x, y]).snapshot, z]).snapshot)).toBe(ser(mergeSnapshots([x, mergeSnapshots([y, z]).snapshot]).snapshot));
        expect(ser(mergeSnapshots([x, x]).snapshot)).toBe(ser(x));
        expect(mergeSnapshots([x, x]).conflicts).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});

describe('diff', () => {
  it('lists entries added, removed and changed, and score moves', () => {
    const t = m1!.targets[0]!.id;
    const before = createSnapshot({ plans: [plan], entries: [valueEntry(plan, t, 50, '2025-05-01', { id: 'd1' }), statusEntry(plan, m2!.id, { percent: 10 }, '2025-05-01', { id: 'd2' })], asOf: '2025-05-01', appVersion: '0.1.0', createdAt: '2025-05-01T00:00:00Z' });
    const after = createSnapshot({ plans: [plan], entries: [valueEntry(plan, t, 150, '2025-05-01', { id: 'd1', updatedAt: '2025-06-01T00:00:00Z' }), statusEntry(plan, m2!.id, { percent: 50 }, '2025-06-01', { id: 'd3' })], asOf: '2025-06-01', appVersion: '0.1.0', createdAt: '2025-06-01T00:00:00Z' });
    const d = diffSnapshots(before, after);
    expect(d.entries.added.map((e) => e.id)).toEqual(['d3']);
    expect(d.entries.removed.map((e) => e.id)).toEqual(['d2']);
    expect(d.entries.changed[0]).toMatchObject({ id: 'd1', fields: ['updatedAt', 'value'] });
    expect(d.scores[0]).toMatchObject({ planId: plan.id, before: 17.5, after: 62.5, delta: 45 });
    expect(d.measures[0]).toMatchObject({ measureId: m1!.id, delta: 50 });
    expect(diffSnapshots(after, after).measures).toEqual([]);
  });
});
