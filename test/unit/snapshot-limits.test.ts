// The limits a snapshot file is read and written under, at their exact
// boundaries: size, entry count, nesting depth, repeated keys; and the
// removal of prototype-reaching keys at any depth, checked by what an
// unremoved key would do (Object.assign copies "__proto__" into a prototype).
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_SNAPSHOT_CHARS, MAX_SNAPSHOT_DEPTH, MAX_SNAPSHOT_ENTRIES, parseSnapshot, scanJson, serializeSnapshot, snapshotWriteProblem, stripForbiddenKeys, type Problem, type Snapshot } from '../../engine/snapshot/index.ts';
import { writeSnapshotFile } from '../../engine/cli/files.ts';
import type { ProgressEntry } from '../../engine/progress/schema.ts';

const entry: ProgressEntry = { id: 'e1', planId: 'plan_a', measureId: 'm1', kind: 'status', percent: 50, date: '2025-08-01', updatedAt: '2025-08-01T00:00:00.000Z' };
const snapshot: Snapshot = { format: 'planmeter.snapshot', version: 1, appVersion: '0.1.0', createdAt: '2025-09-01T00:00:00.000Z', asOf: '2025-09-01', plans: [{ id: 'plan_a', fingerprint: 'fp_a', title: 'A' }], entries: [entry], scores: [] };
const text = serializeSnapshot(snapshot);

describe('size limit, exactly', () => {
  it('the limits are 50,000,000 characters and 200,000 entries; one character over the limit is refused as too large', () => {
    expect(MAX_SNAPSHOT_CHARS).toBe(50_000_000);
    expect(MAX_SNAPSHOT_ENTRIES).toBe(200_000);
    const over = parseSnapshot(text + ' '.repeat(MAX_SNAPSHOT_CHARS + 1 - text.length));
    expect(over).toEqual({ ok: false, problems: [{ path: '(file)', message: expect.stringMatching(/^file too large: 50000001 characters, at most 50000000; move older entries .*planmeter split/u), text: expect.objectContaining({ id: 'snapshot.tooLargeToRead' }) }] });
  });

  it('a valid file of exactly the size limit is read; one character more is not (a limit of this file\'s size)', () => {
    const limits = { chars: text.length + 10, entries: MAX_SNAPSHOT_ENTRIES };
    const atLimit = text + ' '.repeat(10);
    expect(parseSnapshot(atLimit, limits).ok).toBe(true);
    expect(parseSnapshot(`${atLimit} `, limits)).toEqual({ ok: false, problems: [{ path: '(file)', message: expect.stringMatching(/^file too large: \d+ characters, at most \d+;/u), text: expect.objectContaining({ id: 'snapshot.tooLargeToRead' }) }] });
  });

  it('a file of exactly the most entries is not refused for its count; one more is', () => {
    const withEntries = (n: number) => text.replace(/"entries": \[[^\]]*\]/su, `"entries": [${Array(n).fill('0').join(',')}]`);
    const limits = { chars: MAX_SNAPSHOT_CHARS, entries: 50 };
    const at = parseSnapshot(withEntries(50), limits);
    expect(at.ok).toBe(false); // the zeros are not entries…
    if (!at.ok) expect(at.problems.some((p) => /too many entries/u.test(p.message))).toBe(false); // …but the count is allowed
    const over = parseSnapshot(withEntries(51), limits);
    expect(over).toEqual({ ok: false, problems: [{ path: 'entries', message: expect.stringMatching(/^too many entries: 51, at most 50/u), text: expect.objectContaining({ id: 'snapshot.tooManyEntries' }) }] });
    // And the default limit applies when none is given.
    expect(parseSnapshot(withEntries(MAX_SNAPSHOT_ENTRIES + 1))).toEqual({ ok: false, problems: [{ path: 'entries', message: expect.stringMatching(/^too many entries: 200001, at most 200000/u), text: expect.objectContaining({ id: 'snapshot.tooManyEntries' }) }] });
  });

  it('writers refuse a snapshot that could not be read back, and write nothing', async () => {
    const many = { ...snapshot, entries: Array(MAX_SNAPSHOT_ENTRIES + 1).fill(entry) };
    expect(snapshotWriteProblem({ ...snapshot, entries: Array(MAX_SNAPSHOT_ENTRIES).fill(entry) }, text)).toBeNull();
    expect(snapshotWriteProblem(many, text)!.message).toMatch(/would hold 200001 entries, more than the 200000 .*nothing was written; move older entries .*planmeter split/u);
    expect(snapshotWriteProblem(snapshot, 'x'.repeat(MAX_SNAPSHOT_CHARS))).toBeNull();
    expect(snapshotWriteProblem(snapshot, 'x'.repeat(MAX_SNAPSHOT_CHARS + 1))!.message).toMatch(/would be 50000001 characters/u);
    const path = join(mkdtempSync(join(tmpdir(), 'planmeter-limits-')), 'big.json');
    await expect(writeSnapshotFile(path, many)).rejects.toThrow(/big\.json: the file would hold 200001 entries.*planmeter split .*big\.json --before/u);
    expect(existsSync(path)).toBe(false);
  });
});

describe('nesting depth', () => {
  const nested = (depth: number) => text.replace('"appVersion"', `"extra": ${'{"a":'.repeat(depth - 1)}1${'}'.repeat(depth - 1)}, "appVersion"`);

  it(`${MAX_SNAPSHOT_DEPTH} levels are read (the unknown field is reported); one more is refused naming where`, () => {
    expect(scanJson(nested(MAX_SNAPSHOT_DEPTH)).depth).toBe(MAX_SNAPSHOT_DEPTH);
    const at = parseSnapshot(nested(MAX_SNAPSHOT_DEPTH));
    expect(at.ok).toBe(true);
    if (at.ok) expect(at.warnings).toContainEqual({ path: 'extra', message: 'unknown field "extra" ignored' });
    const over = parseSnapshot(nested(MAX_SNAPSHOT_DEPTH + 1));
    expect(over.ok).toBe(false);
    if (!over.ok) {
      expect(over.problems).toHaveLength(1);
      expect(over.problems[0]!.path).toBe(`extra${'.a'.repeat(MAX_SNAPSHOT_DEPTH - 1)}`);
      expect(over.problems[0]!.message).toMatch(/nested more than 64 levels deep/u);
    }
  });

  it('a field nested 100,000 deep is refused before anything walks it', () => {
    const over = parseSnapshot(nested(100_000));
    expect(over.ok).toBe(false);
    if (!over.ok) expect(over.problems[0]!.message).toMatch(/nested more than 64 levels deep/u);
  });
});

describe('repeated keys', () => {
  it('a second "entries" list is refused, not silently kept instead of the first', () => {
    const twice = text.replace('"format"', '"entries": [], "format"');
    expect(JSON.parse(twice).entries).toHaveLength(0); // JSON.parse alone keeps the second, empty list
    const r = parseSnapshot(twice);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toEqual([{ path: 'entries', message: expect.stringContaining('appears twice in one object'), text: expect.objectContaining({ id: 'snapshot.duplicateKey' }) }]);
  });

  it('a key repeated deeper is named with its path; escapes are read as the key they spell', () => {
    expect(scanJson('{"entries":[{"a":1},{"note":"x","not\\u0065":"y"}]}').duplicates).toEqual(['entries[1].note']);
    expect(scanJson('{"a":"\\"b\\"","b":{"c":[1,{"d":1,"d":2}]}}').duplicates).toEqual(['b.c[1].d']);
    expect(scanJson('{"a":{"x":1},"b":{"x":1}}').duplicates).toEqual([]);
  });
});

describe('prototype-reaching keys, at every depth', () => {
  const FORBIDDEN = ['__proto__', 'constructor', 'prototype'];
  /** Every object in a tree (iteratively). */
  function objects(root: unknown): Record<string, unknown>[] {
    const out: Record<string, unknown>[] = [];
    const stack = [root];
    while (stack.length) {
      const v = stack.pop();
      if (v === null || typeof v !== 'object') continue;
      if (!Array.isArray(v)) out.push(v as Record<string, unknown>);
      stack.push(...Object.values(v as object));
    }
    return out;
  }

  it('are removed from the top, from entries and from 40 levels down, each reported with its path', () => {
    const deep = `${'{"k":'.repeat(40)}{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}${'}'.repeat(40)}`;
    const raw = text.replace('"appVersion"', `"__proto__": {"polluted": 1}, "extra": ${deep}, "appVersion"`).replace('"date"', '"prototype": {"polluted": 1}, "date"');
    const data = JSON.parse(raw) as unknown;
    // What the danger is: copying a parsed object with an own "__proto__" key sets a prototype.
    expect(objects(data).some((o) => (Object.assign({}, o) as Record<string, unknown>).polluted === 1)).toBe(true);
    const warnings: Problem[] = [];
    stripForbiddenKeys(data, warnings);
    for (const o of objects(data)) {
      for (const key of FORBIDDEN) expect(Object.prototype.hasOwnProperty.call(o, key)).toBe(false);
      expect((Object.assign({}, o) as Record<string, unknown>).polluted).toBeUndefined();
    }
    expect(warnings.map((w) => w.path).sort()).toEqual(['__proto__', 'entries[0].prototype', `extra${'.k'.repeat(40)}.__proto__`, `extra${'.k'.repeat(40)}.constructor`].sort());
    // The same through parseSnapshot: the file is read, the keys are reported.
    const r = parseSnapshot(raw);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.warnings.filter((w) => /is not allowed/u.test(w.message)).map((w) => w.path).sort()).toEqual(warnings.map((w) => w.path).sort());
  });
});
