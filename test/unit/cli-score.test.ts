// The score/record/related/merge/diff commands, run as a user would.
import { mkdtempSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseText } from '../../engine/parse/index.ts';
import { parseSnapshot } from '../../engine/snapshot/index.ts';
import type { Plan } from '../../engine/types.ts';
import { runPlanmeter } from '../fixtures/cli.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const SEED = join(ROOT, 'seeds', '000_5c7a958c132072e2.txt');


const planmeter = (...args: string[]) => runPlanmeter(args);

// Each case spawns the CLI several times; under a busy parallel test run that takes a while.
const SLOW = 120_000;

describe('planmeter record / score / related / merge / diff', () => {
  let dir: string;
  let plan: Plan;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'planmeter-cli-'));
    plan = parseText(readFileSync(SEED, 'utf8')).plans[0]!;
  });
  const measure = (n: string) => plan.measures.find((m) => m.number === n)!;

  it('record creates the snapshot, appends entries, and score reads them back', async () => {
    const snap = join(dir, 'progress.json');
    const m6 = measure('6');
    const t1 = m6.targets[0]!;
    expect(t1.value).toBe(200);
    let r = await planmeter('record', snap, '--target', t1.id, '--value', '150', '--date', '2025-06-30', '--note', '已制定150个');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('150 of 200 个 (75%)');
    r = await planmeter('record', snap, '--measure', measure('1').id, '--status', '推进中', '--date', '2025-06-30');
    expect(r.code).toBe(0);
    const parsed = parseSnapshot(readFileSync(snap, 'utf8'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.snapshot.entries).toHaveLength(2);
    expect(parsed.snapshot.plans.map((p) => p.id)).toEqual([plan.id]);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]); // no temp file left behind

    const s = await planmeter('score', SEED, '--progress', snap, '--as-of', '2025-06-30', '--json');
    expect(s.code).toBe(0);
    const json = JSON.parse(s.stdout);
    const p = json.plans[0];
    expect(p).toMatchObject({ id: plan.id, title: plan.title });
    const jm6 = p.measures.find((m: { id: string }) => m.id === m6.id);
    expect(jm6.targets[0]).toMatchObject({ id: t1.id, completion: 75, status: expect.any(String) });
    expect(jm6.completion).toBe(Math.round((75 / m6.targets.length) * 10) / 10);
    expect(p.measures.find((m: { id: string }) => m.id === measure('1').id)).toMatchObject({ completion: 50, status: 'on_track' });
    // Every measure and target carries id, completion (number or null) and status.
    for (const m of p.measures) {
      expect(m).toHaveProperty('id');
      expect(m.completion === null || (m.completion >= 0 && m.completion <= 100)).toBe(true);
      expect(typeof m.status).toBe('string');
      for (const t of m.targets) expect(Object.keys(t)).toEqual(expect.arrayContaining(['id', 'completion', 'status']));
    }
    const expectedScore = Math.round(((jm6.completion + 50) / plan.measures.length) * 10) / 10;
    expect(p.score).toBe(expectedScore);
    // Indicators: the composite two ways with coverage and formulas; every tag with its evidence phrase.
    const c = json.indicators.composite;
    expect(c).toMatchObject({ name: "progress on the plan's measures by indicator", indicatorCount: 18, coverage: expect.any(Number), formula: expect.stringContaining('over covered') });
    expect(c.overAll.formula).toMatch(/uncovered indicators counted 0/u);
    expect(json.indicators.national).toHaveLength(18);
    for (const n of json.indicators.national) expect(n).toEqual(expect.objectContaining({ measureCount: expect.any(Number), credit: expect.any(Number), completion: expect.any(Number) }));
    const shares = Object.fromEntries(json.indicators.dimensions.map((d: { id: string; share: number }) => [d.id, d.share]));
    expect(Object.keys(shares)).toEqual(['market', 'rule_of_law', 'international']);
    for (const v of Object.values(shares)) expect(v).toBeGreaterThan(0);
    const tagged = p.measures.filter((m: { indicators: string[] }) => m.indicators.length > 0);
    expect(tagged.length).toBeGreaterThan(20);
    for (const m of tagged) for (const tag of m.indicators) expect(m.tagEvidence[tag][0].phrase.length).toBeGreaterThan(0);

    const human = await planmeter('score', SEED, '--progress', snap, '--as-of', '2025-06-30');
    expect(human.stdout).toContain(plan.title);
    expect(human.stdout).toContain('lagging:');
    expect(human.stdout).toContain('composite index');

    const csv = await planmeter('score', SEED, '--progress', snap, '--as-of', '2025-06-30', '--csv');
    expect(csv.stdout.charCodeAt(0)).toBe(0xfeff);
    expect(csv.stdout).toContain('\r\n');
  }, SLOW);

  it('an unknown id is a clear error and writes nothing', async () => {
    const snap = join(dir, 'none.json');
    const r = await planmeter('record', snap, '--target', 'tgt_doesnotexist', '--value', '1');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown target id "tgt_doesnotexist"/u);
    expect(existsSync(snap)).toBe(false);
  }, SLOW);

  it('bad values are refused before anything is touched', async () => {
    const snap = join(dir, 'bad-value.json');
    const t = measure('6').targets[0]!.id;
    expect((await planmeter('record', snap, '--target', t, '--value', 'lots')).stderr).toContain('--value must be a number');
    expect((await planmeter('record', snap, '--measure', measure('1').id, '--status', '120')).stderr).toContain('--status must be');
    expect((await planmeter('record', snap, '--target', t, '--value', '1', '--date', '2025-02-30')).stderr).toContain('--date must be a date');
    expect(existsSync(snap)).toBe(false);
  }, SLOW);

  it('a malformed snapshot is refused with the bad field named, and left unchanged', async () => {
    const snap = join(dir, 'broken.json');
    const text = JSON.stringify({ format: 'planmeter.snapshot', version: 9, entries: [] });
    writeFileSync(snap, text);
    const r = await planmeter('record', snap, '--measure', measure('1').id, '--status', '50');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('version');
    expect(readFileSync(snap, 'utf8')).toBe(text);
  }, SLOW);

  it('related --json lists { a, b, score } with the known cross-plan pair', async () => {
    const r = await planmeter('related', '--json');
    expect(r.code).toBe(0);
    const pairs = JSON.parse(r.stdout) as { a: { planId: string; planTitle: string; measureId: string; number: string; title: string }; b: typeof pairs[number]['a']; score: number }[];
    expect(pairs.length).toBeGreaterThan(3);
    for (const p of pairs) expect(Object.keys(p.a).sort()).toEqual(['measureId', 'number', 'planId', 'planTitle', 'title']);
    const m40 = measure('40').id;
    const hit = pairs.find((p) => p.a.measureId === m40 || p.b.measureId === m40)!;
    expect(hit.score).toBeGreaterThan(0.5);
    expect([hit.a.title, hit.b.title]).toContain('提升外資企業服務保障水平');
  }, SLOW);

  it('merge combines colleagues\' snapshots; diff shows what moved', async () => {
    const a = join(dir, 'a.json');
    const b = join(dir, 'b.json');
    const out = join(dir, 'merged.json');
    const t = measure('6').targets[0]!.id;
    expect((await planmeter('record', a, '--target', t, '--value', '50', '--date', '2025-03-31')).code).toBe(0);
    expect((await planmeter('record', b, '--target', t, '--value', '150', '--date', '2025-06-30')).code).toBe(0);
    const m = await planmeter('merge', a, b, '-o', out);
    expect(m.code).toBe(0);
    expect(m.stdout).toContain('2 entries');
    const merged = parseSnapshot(readFileSync(out, 'utf8'));
    expect(merged.ok && merged.snapshot.entries.length).toBe(2);
    const d = await planmeter('diff', a, out, '--json');
    expect(d.code).toBe(0);
    const diff = JSON.parse(d.stdout);
    expect(diff.entries.added).toHaveLength(1);
    expect(diff.entries.removed).toHaveLength(0);
    const text = await planmeter('diff', a, out);
    expect(text.stdout).toContain('1 added');
    expect((await planmeter('merge', a, b)).stderr).toContain('-o is required');
  }, SLOW);
});
