// Property tests over snapshots: export → import → export is the identity
// (byte for byte) for any plans and entries, and merging colleagues'
// snapshots does not depend on their order and changes nothing when repeated.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createSnapshot, mergeSnapshots, parseSnapshot, serializeSnapshot, type Snapshot } from '../../engine/snapshot/index.ts';
import type { ProgressEntry } from '../../engine/progress/schema.ts';
import { entriesArb, isoDay, isoTime, planArb } from '../fixtures/arbitraries.ts';

function reimport(json: string): Snapshot {
  const r = parseSnapshot(json);
  if (!r.ok) throw new Error(`export did not re-import: ${JSON.stringify(r.problems.slice(0, 3))}`);
  return r.snapshot;
}

const snapshotArb = (prefix: string) =>
  fc.tuple(planArb('pa'), planArb('pb')).chain(([a, b]) =>
    fc.record({
      plans: fc.constant([a, b]),
      entries: fc.tuple(entriesArb(a, `${prefix}a`), entriesArb(b, `${prefix}b`)).map(([x, y]) => [...x, ...y]),
      asOf: isoDay,
      createdAt: isoTime,
      appVersion: fc.constantFrom('0.1.0', '0.2.0'),
    }),
  );

/** Versions of shared entries, as two colleagues editing the same entry would produce. */
function editedCopy(entries: ProgressEntry[], edits: { index: number; updatedAt: string; note: string }[]): ProgressEntry[] {
  const out = entries.map((e) => ({ ...e }));
  for (const edit of edits) {
    if (!out.length) break;
    const i = edit.index % out.length;
    out[i] = { ...out[i]!, updatedAt: edit.updatedAt, note: edit.note };
  }
  return out;
}

describe('snapshot export → import → export', () => {
  it('is byte-identical for any plans and entries (scores computed, capped, valid)', () => {
    fc.assert(
      fc.property(snapshotArb('e'), (input) => {
        const first = serializeSnapshot(createSnapshot(input));
        const second = serializeSnapshot(reimport(first));
        expect(second).toBe(first);
        // And once more through a BOM (Excel and Notepad add one).
        expect(serializeSnapshot(reimport(`\uFEFF${second}`))).toBe(first);
      }),
      { numRuns: 300 },
    );
  });
});

describe('merging snapshots', () => {
  it('is commutative for entries with distinct ids', () => {
    fc.assert(
      fc.property(snapshotArb('x'), snapshotArb('y'), (a, b) => {
        const sa = createSnapshot(a);
        const sb = createSnapshot({ ...b, plans: a.plans.map((p, i) => (i === 0 ? p : p)) });
        const ab = mergeSnapshots([sa, sb]);
        const ba = mergeSnapshots([sb, sa]);
        expect(serializeSnapshot(ab.snapshot)).toBe(serializeSnapshot(ba.snapshot));
        expect(ab.conflicts).toEqual(ba.conflicts);
        // Distinct ids: every entry of both is kept, none twice.
        expect(ab.snapshot.entries.map((e) => e.id).sort()).toEqual([...sa.entries, ...sb.entries].map((e) => e.id).sort());
      }),
      { numRuns: 150 },
    );
  });

  it('is commutative even when colleagues edited the same entries (later edit wins, ties settled the same way)', () => {
    const edits = fc.array(fc.record({ index: fc.nat(), updatedAt: isoTime, note: fc.string({ maxLength: 8 }) }), { maxLength: 6 });
    fc.assert(
      fc.property(snapshotArb('s'), edits, edits, isoTime, (input, e1, e2, t2) => {
        const sa = createSnapshot({ ...input, entries: editedCopy(input.entries, e1) });
        const sb = createSnapshot({ ...input, createdAt: t2, entries: editedCopy(input.entries, e2) });
        const ab = mergeSnapshots([sa, sb], { plans: input.plans });
        const ba = mergeSnapshots([sb, sa], { plans: input.plans });
        expect(serializeSnapshot(ab.snapshot)).toBe(serializeSnapshot(ba.snapshot));
        // No entry is lost or duplicated.
        expect(ab.snapshot.entries.map((e) => e.id)).toEqual([...new Set(input.entries.map((e) => e.id))].sort());
      }),
      { numRuns: 150 },
    );
  });

  it('is idempotent: a snapshot merged with itself, or a merge merged again with a part, changes nothing', () => {
    fc.assert(
      fc.property(snapshotArb('i'), snapshotArb('j'), (a, b) => {
        const sa = createSnapshot(a);
        const sb = createSnapshot(b);
        expect(serializeSnapshot(mergeSnapshots([sa, sa]).snapshot)).toBe(serializeSnapshot(mergeSnapshots([sa]).snapshot));
        expect(serializeSnapshot(mergeSnapshots([sa]).snapshot)).toBe(serializeSnapshot(sa));
        const ab = mergeSnapshots([sa, sb]).snapshot;
        expect(serializeSnapshot(mergeSnapshots([ab, sb]).snapshot)).toBe(serializeSnapshot(ab));
        expect(serializeSnapshot(mergeSnapshots([ab, ab]).snapshot)).toBe(serializeSnapshot(ab));
      }),
      { numRuns: 150 },
    );
  });

  it('a merged snapshot exports and re-imports byte-identically', () => {
    fc.assert(
      fc.property(snapshotArb('m'), snapshotArb('n'), (a, b) => {
        const merged = serializeSnapshot(mergeSnapshots([createSnapshot(a), createSnapshot(b)]).snapshot);
        expect(serializeSnapshot(reimport(merged))).toBe(merged);
      }),
      { numRuns: 100 },
    );
  });
});
