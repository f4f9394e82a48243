// Edges of the protections that mutation testing (npm run mutate) found
// untested: the hash's pinned values and white-space folding, the scanner's
// paths and caps, the exact paths of refusals, and how a merge with three
// versions, ties and clocks running ahead orders and names its conflicts.
import { describe, expect, it } from 'vitest';
import { hash53, idText, stableId, stableIdOf, uniqueIds } from '../../engine/ids.ts';
import { formatPath, mergeSnapshots, parseSnapshot, scanJson, serializeSnapshot, snapshotWriteProblem, MAX_SNAPSHOT_CHARS, MAX_SNAPSHOT_ENTRIES, type Snapshot } from '../../engine/snapshot/index.ts';
import type { ProgressEntry } from '../../engine/progress/schema.ts';

describe('ids: the hash and white space', () => {
  it('hash53 gives its pinned values (measure keys and outcome ids are made of it)', () => {
    // Written once from this version, like test/golden/seed-ids.json.
    expect(hash53('光明区2025年优化营商环境改革工作方案')).toBe(5006879892512183);
    expect(hash53('a')).toBe(7929297801672961);
    expect(hash53('')).toBe(3338908027751811);
    expect(hash53('a', 7)).toBe(2082698615397641);
  });

  it('every kind of white space is dropped and compatibility forms folded, on both id paths', () => {
    expect(idText(' Ａ\tb\nc\r\u000b\u000cd  ')).toBe('Abcd');
    const plain = stableIdOf('m', ['推进改革', '第二部分']);
    expect(plain).toBe('m_1qozxzv4tm2');
    for (const ws of [' ', '\t', '\n', '\u000b', '\u000c', '\r', '\u3000']) {
      expect(stableIdOf('m', [`推进${ws}改革`, '第二部分']), JSON.stringify(ws)).toBe(plain);
    }
    expect(stableIdOf('m', ['推进改革', '第二部分'])).toBe(stableId('m', '推进改革', '第二部分'));
    // Full-width letters and digits are their ASCII forms; other characters are not dropped.
    expect(stableIdOf('t', ['ＡＢ１２'])).toBe(stableIdOf('t', ['AB12']));
    expect(stableIdOf('t', ['A\u0008B'])).not.toBe(stableIdOf('t', ['AB']));
    expect(stableIdOf('t', ['A\u000eB'])).not.toBe(stableIdOf('t', ['AB']));
    // Control characters below tab are kept, also in text that has white space to drop.
    expect(stableIdOf('t', ['A \u0001B'])).toBe(`t_${hash53(idText('A \u0001B')).toString(36).padStart(11, '0')}`);
    expect(stableIdOf('t', ['A \u0001B'])).not.toBe(stableIdOf('t', ['AB']));
  });
});

describe('ids: repeats within one plan', () => {
  it('the first keeps its id, later repeats get ~2, ~3 in order; other ids are untouched', () => {
    const unique = uniqueIds();
    expect(['m_a', 'm_b', 'm_a', 'm_a', 'm_b'].map(unique)).toEqual(['m_a', 'm_b', 'm_a~2', 'm_a~3', 'm_b~2']);
    // A fresh counter per plan.
    expect(uniqueIds()('m_a')).toBe('m_a');
  });
});

describe('the JSON scanner and refusals, exactly', () => {
  const entry: ProgressEntry = { id: 'e1', planId: 'plan_a', measureId: 'm1', kind: 'status', percent: 50, date: '2025-08-01', updatedAt: '2025-08-01T00:00:00.000Z' };
  const snapshot: Snapshot = { format: 'planmeter.snapshot', version: 1, appVersion: '0.1.0', createdAt: '2025-09-01T00:00:00.000Z', asOf: '2025-09-01', plans: [{ id: 'plan_a', fingerprint: 'fp_a', title: 'A' }], entries: [entry], scores: [] };
  const text = serializeSnapshot(snapshot);

  it('paths through objects and arrays; the first of two equally deep branches; the root', () => {
    expect(formatPath([])).toBe('(file)');
    expect(scanJson('1')).toEqual({ depth: 0, deepest: '(file)', duplicates: [] });
    expect(scanJson('{"a":[1,{"b":[[2]]}]}')).toEqual({ depth: 5, deepest: 'a[1].b[0]', duplicates: [] });
    expect(scanJson('{"a":[[1]],"b":[[2]]}').deepest).toBe('a[0]');
    expect(scanJson('[{"x":1},{"x":1,"x":2}]').duplicates).toEqual(['[1].x']);
  });

  it('lists at most 20 repeated keys', () => {
    const many = `{${Array.from({ length: 25 }, () => '"k":1').join(',')}}`;
    expect(scanJson(many).duplicates).toHaveLength(20);
  });

  it('refusals carry their paths; a BOM is allowed; broken JSON is said so at the file', () => {
    expect(snapshotWriteProblem({ ...snapshot, entries: Array(MAX_SNAPSHOT_ENTRIES + 1).fill(entry) }, text)!.path).toBe('entries');
    expect(snapshotWriteProblem(snapshot, 'x'.repeat(MAX_SNAPSHOT_CHARS + 1))!.path).toBe('(file)');
    expect(parseSnapshot(`\uFEFF${text}`).ok).toBe(true);
    // Only a leading BOM is the file's: one inside a note is the note's.
    const noted = parseSnapshot(serializeSnapshot({ ...snapshot, entries: [{ ...entry, note: 'a\uFEFFb' }] }));
    expect(noted.ok && noted.snapshot.entries[0]!.note).toBe('a\uFEFFb');
    expect(parseSnapshot('{')).toEqual({ ok: false, problems: [{ path: '(file)', message: expect.stringMatching(/^not valid JSON: /u), text: expect.objectContaining({ id: 'snapshot.badJson' }) }] });
  });

  it('never throws: a comma outside any bracket is broken JSON, said so at the file', () => {
    for (const broken of ['1,2', '[1],[2]', '{"a":1},']) {
      expect(parseSnapshot(broken), broken).toEqual({ ok: false, problems: [{ path: '(file)', message: expect.stringMatching(/^not valid JSON: /u), text: expect.objectContaining({ id: 'snapshot.badJson' }) }] });
    }
  });
});

describe('merge: three versions, ties and clocks running ahead', () => {
  const ref = { id: 'plan_x', fingerprint: 'fp_x', title: 'X' };
  const at = (updatedAt: string, extra: Partial<ProgressEntry> = {}) => ({ id: 'e1', planId: 'plan_x', measureId: 'm1', kind: 'status', percent: 50, date: '2025-08-01', updatedAt, ...extra }) as ProgressEntry;
  const snap = (entries: ProgressEntry[]) => ({ format: 'planmeter.snapshot', version: 1, appVersion: '0.1.0', createdAt: '2025-09-01T00:00:00.000Z', asOf: '2025-09-01', plans: [ref], entries, scores: [] }) as Snapshot;
  const now = new Date('2025-09-01T12:00:00.000Z');

  it('the versions set aside are listed in one order whatever the order of the files', () => {
    const v = [at('2025-08-01T00:00:00.000Z', { percent: 1 }), at('2025-08-02T00:00:00.000Z', { percent: 2 }), at('2025-08-03T00:00:00.000Z', { percent: 3 })];
    const orders = [[0, 1, 2], [2, 1, 0], [1, 2, 0], [0, 2, 1]];
    const results = orders.map((o) => mergeSnapshots(o.map((i) => snap([v[i]!])), { now }).conflicts);
    for (const r of results) expect(r).toEqual(results[0]);
    expect(results[0]![0]!.discarded).toHaveLength(2);
    // In the order of their canonical text (percent 1 before percent 2).
    expect(results[0]![0]!.discarded).toEqual([v[0], v[1]]);
    expect(results[0]![0]!.kept).toEqual(v[2]);
  });

  it('two different versions with one edit time: "same-time", the larger text kept either way', () => {
    const a = at('2025-08-01T00:00:00.000Z', { percent: 10 });
    const b = at('2025-08-01T00:00:00.000Z', { percent: 20 });
    const keep = JSON.stringify(b) > JSON.stringify(a) ? b : a;
    for (const order of [[a, b], [b, a]]) {
      const { snapshot, conflicts } = mergeSnapshots(order.map((e) => snap([e])), { now });
      expect(snapshot.entries).toEqual([keep]);
      expect(conflicts).toEqual([{ kind: 'entry', id: 'e1', reason: 'same-time', kept: keep, discarded: [keep === a ? b : a] }]);
    }
    // A tie with one version while another is older is still a tie.
    const older = at('2025-07-01T00:00:00.000Z', { percent: 5 });
    expect(mergeSnapshots([snap([a]), snap([b]), snap([older])], { now }).conflicts[0]!.reason).toBe('same-time');
  });

  it('merged entries come out in id order', () => {
    const b = { ...at('2025-08-01T00:00:00.000Z'), id: 'b' };
    const a = { ...at('2025-08-01T00:00:00.000Z'), id: 'a' };
    expect(mergeSnapshots([snap([b]), snap([a])], { now }).snapshot.entries.map((e) => e.id)).toEqual(['a', 'b']);
  });

  it('"future-edit" only when a version from ahead lost to a real one', () => {
    const real = at('2025-08-30T00:00:00.000Z', { percent: 10 });
    const aheadA = at('2026-08-01T00:00:00.000Z', { percent: 20 });
    const aheadB = at('2026-09-01T00:00:00.000Z', { percent: 30 });
    // Both versions ahead: the later wins as an ordinary later edit.
    expect(mergeSnapshots([snap([aheadA]), snap([aheadB])], { now }).conflicts).toMatchObject([{ reason: 'later-edit', kept: aheadB }]);
    // Both ahead with one time: a tie, not a wrong clock.
    expect(mergeSnapshots([snap([aheadA]), snap([at(aheadA.updatedAt, { percent: 21 })])], { now }).conflicts[0]!.reason).toBe('same-time');
    // One ahead and one older real version set aside for the latest real one: a wrong clock was overruled.
    const older = at('2025-08-01T00:00:00.000Z', { percent: 5 });
    expect(mergeSnapshots([snap([older]), snap([aheadA]), snap([real])], { now }).conflicts).toMatchObject([{ reason: 'future-edit', kept: real }]);
    // Only older real versions set aside: an ordinary later edit.
    expect(mergeSnapshots([snap([older]), snap([real])], { now }).conflicts).toMatchObject([{ reason: 'later-edit', kept: real }]);
  });
});
