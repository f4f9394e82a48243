// Corrections from the command line: parse --corrections, correct (store in a
// snapshot, export back out), score --progress with a snapshot carrying
// corrections, and a malformed file refused with nothing stored changed.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseText } from '../../engine/parse/index.ts';
import { applyCorrections, parseCorrectionsFile, type Correction } from '../../engine/corrections/index.ts';
import { createSnapshot, mergeSnapshots, parseSnapshot, serializeSnapshot } from '../../engine/snapshot/index.ts';
import type { Plan } from '../../engine/types.ts';
import { runPlanmeter } from '../fixtures/cli.ts';

const SLOW = 120_000;

/** A news list the parser does not take for a plan: headlines with dates, no numbers, no owners. */
export const NOT_A_PLAN = `新闻中心

光明区召开城市更新工作会议，部署年内新开工项目不少于20个 2025-01-02
区政务服务中心优化企业开办流程，开办时间压缩至1个工作日 2025-02-03
本栏目发布光明区政务动态，欢迎关注。
区领导检查公共服务设施建设情况 2025-03-04
区委召开会议研究提升基层治理水平 2025-04-05
`;
const TITLE = '某区2025年重点任务清单';

const planmeter = (...args: string[]) => runPlanmeter(args);

function sha(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

describe('corrections in the engine', () => {
  let plan: Plan;
  let ops: Correction[];
  beforeAll(() => {
    plan = applyCorrections(parseText(NOT_A_PLAN), [{ op: 'read-as-plan', title: TITLE }], NOT_A_PLAN).result.plans[0]!;
    const m = plan.measures;
    ops = [
      { op: 'read-as-plan', title: TITLE },
      { op: 'remove-measure', measure: m[2]!.id },
      { op: 'merge-measures', measures: [m[3]!.id, m[4]!.id] },
      { op: 'set-owners', measure: m[3]!.id, owners: ['区发展和改革局', '区财政局'] },
      { op: 'add-target', measure: m[3]!.id, quote: '公共服务设施建设', value: 12, unit: '个', deadline: '年内' },
      { op: 'edit-target', target: m[0]!.targets[0]!.id, value: 25 },
      { op: 'split-measure', measure: m[0]!.id, at: '部署年内' },
      { op: 'remove-measure', measure: 'm_gone', measureQuote: '不在此页的措施' },
    ];
  });

  it('reads a page that is no plan as one, permissively, under the title given', () => {
    expect(parseText(NOT_A_PLAN).plans).toHaveLength(0);
    expect(plan.title).toBe(TITLE);
    expect(plan.measures.map((m) => m.title)).toEqual(['光明区召开城市更新工作会议', '区政务服务中心', '本栏目发布光明区政务动态', '区领导检查公共服务设施建设情况 2025-03-04', '区委召开会议']);
    expect(plan.measures[0]!.targets[0]).toMatchObject({ value: 20, unit: '个', comparator: '>=' });
  });

  it('applies each operation, keeps and reports one whose measure is gone, and reports what vanished', () => {
    const c = applyCorrections(parseText(NOT_A_PLAN), ops, NOT_A_PLAN);
    const p = c.result.plans[0]!;
    expect(c.outcomes.map((o) => o.status)).toEqual(['applied', 'applied', 'applied', 'applied', 'applied', 'applied', 'applied', 'unresolved']);
    expect(c.outcomes[7]).toMatchObject({ reason: 'measure-not-found' });
    expect(p.measures).toHaveLength(4);
    expect(p.measures.map((m) => m.index)).toEqual([1, 2, 3, 4]);
    const merged = p.measures[3]!;
    expect(merged.id).toBe(plan.measures[3]!.id);
    expect(merged.units).toEqual(['区发展改革局', '区财政局']);
    expect(merged.unitRoles[0]).toEqual({ name: '区发展改革局', role: 'lead' });
    expect(merged.text).toContain('提升基层治理水平');
    // A target from words holding no number takes the value given, and the deadline resolved against the plan's year.
    expect(merged.targets).toHaveLength(1);
    expect(merged.targets[0]).toMatchObject({ value: 12, unit: '个', comparator: '>=', deadline: '年内', deadlineDate: '2025-12-31', quote: '公共服务设施建设' });
    // The split keeps the original id on the first part; the target moves with its words.
    expect(p.measures[0]!.id).toBe(plan.measures[0]!.id);
    expect(p.measures[0]!.text).toBe('光明区召开城市更新工作会议，');
    expect(p.measures[0]!.targets).toHaveLength(0);
    expect(p.measures[1]!.text).toMatch(/^部署年内新开工项目/u);
    expect(p.measures[1]!.targets[0]).toMatchObject({ id: plan.measures[0]!.targets[0]!.id, value: 25 });
    expect(c.vanished.map((v) => [v.measureId, v.reason, v.into])).toEqual([
      [plan.measures[2]!.id, 'removed', undefined],
      [plan.measures[4]!.id, 'merged', plan.measures[3]!.id],
    ]);
  });

  it('adds a passage as a measure, and leaves one already read alone', () => {
    const text = `${NOT_A_PLAN}另外一段说明文字，用于推进项目建设不少于3个。（责任单位：区财政局）\n`;
    const c = applyCorrections(parseText(text), [{ op: 'read-as-plan', title: TITLE }, { op: 'add-measure', quote: '另外 一段' }, { op: 'add-measure', quote: '研究提升基层' }], text);
    expect(c.outcomes.map((o) => o.status)).toEqual(['applied', 'unchanged', 'unchanged']);
    // The paragraph is 12+ characters, so the permissive reading already took it.
    const p = c.result.plans[0]!;
    const added = applyCorrections(parseText(text), [{ op: 'read-as-plan', title: TITLE }, { op: 'remove-measure', measure: p.measures.at(-1)!.id }, { op: 'add-measure', quote: '另外一段', end: '不少于3个' }], text);
    expect(added.outcomes.map((o) => o.status)).toEqual(['applied', 'applied', 'applied']);
    const m = added.result.plans[0]!.measures.at(-1)!;
    expect(m.text).toBe('另外一段说明文字，用于推进项目建设不少于3个');
    expect(m.targets[0]).toMatchObject({ value: 3, unit: '个' });
    // Without end words it runs to the end of the paragraph, without the owner note, whose units it takes.
    const para = applyCorrections(parseText(text), [{ op: 'read-as-plan', title: TITLE }, { op: 'remove-measure', measure: p.measures.at(-1)!.id }, { op: 'add-measure', quote: '另外一段' }], text).result.plans[0]!.measures.at(-1)!;
    expect(para.text).toBe('另外一段说明文字，用于推进项目建设不少于3个。');
    expect(para.units).toEqual(['区财政局']);
    // A target whose words hold no number, and none given, is kept and reported.
    const none = applyCorrections(parseText(text), [{ op: 'read-as-plan', title: TITLE }, { op: 'add-target', measure: p.measures[2]!.id, quote: '欢迎关注' }], text);
    expect(none.outcomes[1]).toMatchObject({ status: 'unresolved', reason: 'no-number' });
  });

  it('refuses a malformed file naming the operation and the field', () => {
    const bad = parseCorrectionsFile(JSON.stringify({ version: 1, corrections: [{ op: 'read-as-plan', title: 'x' }, { op: 'set-owners', measure: 'm', owners: [3] }, { op: 'edit-target', target: 't', comparator: 'most' }, { op: 'explode' }] }));
    expect(bad.ok).toBe(false);
    const problems = bad.ok ? [] : bad.problems.map((p) => p.path);
    expect(problems).toEqual(['corrections[1] (set-owners).owners[0]', 'corrections[2] (edit-target).comparator', 'corrections[3].op']);
    const version = parseCorrectionsFile(JSON.stringify({ version: 2, corrections: [] }));
    expect(version.ok ? '' : version.problems[0]!.message).toMatch(/newer/u);
  });

  it('snapshots carry corrections: export → import → export is byte-identical, and they merge like entries', () => {
    const record = (id: string, at: string, correction: Correction, deleted?: boolean) => ({ id, fingerprint: plan.fingerprint, url: 'https://x.gov.cn/a.html', createdAt: '2025-01-01T00:00:00.000Z', updatedAt: at, ...(deleted ? { deleted } : {}), correction });
    const a = createSnapshot({ plans: [plan], entries: [], asOf: '2025-06-30', appVersion: '0.1.0', createdAt: '2025-06-30T00:00:00.000Z', corrections: [record('c1', '2025-02-01T00:00:00.000Z', ops[1]!), record('c0', '2025-02-01T00:00:00.000Z', ops[0]!)] });
    const text = serializeSnapshot(a);
    const back = parseSnapshot(text);
    expect(back.ok).toBe(true);
    expect(serializeSnapshot(back.ok ? back.snapshot : a)).toBe(text);
    // Undo in another copy (a later tombstone) wins in a merge, whichever order.
    const b = { ...a, corrections: [record('c1', '2025-03-01T00:00:00.000Z', ops[1]!, true)] };
    for (const order of [[a, b], [b, a]]) {
      const merged = mergeSnapshots(order).snapshot;
      expect(merged.corrections!.map((c) => [c.id, c.deleted ?? false])).toEqual([['c0', false], ['c1', true]]);
    }
    const dup = JSON.parse(text);
    dup.corrections.push(dup.corrections[0]);
    const refused = parseSnapshot(JSON.stringify(dup));
    expect(refused.ok ? [] : refused.problems.map((p) => p.path)).toContain('corrections[2].id');
  });
});

describe('planmeter parse / correct / score with corrections', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'planmeter-corr-'));
    writeFileSync(join(dir, 'page.txt'), NOT_A_PLAN);
  });

  it('parse --corrections reads the page as corrected; --json reports every operation', { timeout: SLOW }, async () => {
    const m = applyCorrections(parseText(NOT_A_PLAN), [{ op: 'read-as-plan', title: TITLE }], NOT_A_PLAN).result.plans[0]!.measures;
    const file = { version: 1, corrections: [{ op: 'read-as-plan', title: TITLE }, { op: 'remove-measure', measure: m[2]!.id }, { op: 'set-owners', measure: m[3]!.id, owners: ['区财政局'] }, { op: 'remove-target', target: 't_gone' }] };
    writeFileSync(join(dir, 'c.json'), JSON.stringify(file));
    const plain = await planmeter('parse', join(dir, 'page.txt'));
    expect(plain.code).toBe(2);
    expect(plain.stderr).toMatch(/read-as-plan/u);
    const json = await planmeter('parse', join(dir, 'page.txt'), '--corrections', join(dir, 'c.json'), '--json');
    expect(json.code).toBe(0);
    const out = JSON.parse(json.stdout);
    expect(out.plans[0].title).toBe(TITLE);
    expect(out.plans[0].measures).toHaveLength(4);
    expect(out.plans[0].measures[2].units).toEqual(['区财政局']);
    expect(out.corrections.outcomes.map((o: { status: string }) => o.status)).toEqual(['applied', 'applied', 'applied', 'unresolved']);
  });

  it('correct stores a file in a snapshot and exports it back (round trip); score --progress applies them; a malformed file changes nothing', { timeout: SLOW }, async () => {
    const m = applyCorrections(parseText(NOT_A_PLAN), [{ op: 'read-as-plan', title: TITLE }], NOT_A_PLAN).result.plans[0]!.measures;
    const file = { version: 1, corrections: [{ op: 'read-as-plan', title: TITLE }, { op: 'merge-measures', measures: [m[3]!.id, m[4]!.id] }, { op: 'set-owners', measure: m[3]!.id, owners: ['区财政局'] }] };
    writeFileSync(join(dir, 'c2.json'), JSON.stringify(file));
    const snap = join(dir, 's.json');
    const stored = await planmeter('correct', snap, join(dir, 'page.txt'), '--corrections', join(dir, 'c2.json'));
    expect(stored.code, stored.stderr).toBe(0);
    const exported = await planmeter('correct', snap, join(dir, 'page.txt'), '--export', join(dir, 'out.json'));
    expect(exported.code, exported.stderr).toBe(0);
    const back = parseCorrectionsFile(readFileSync(join(dir, 'out.json'), 'utf8'));
    expect(back.ok).toBe(true);
    const ops = back.ok ? back.file.corrections.map(({ id: _id, createdAt: _at, ...op }) => op) : [];
    expect(ops).toEqual(file.corrections);
    // Exporting again gives the same bytes; storing the exported file again adds nothing new (same ids).
    await planmeter('correct', snap, join(dir, 'page.txt'), '--export', join(dir, 'out2.json'));
    expect(readFileSync(join(dir, 'out2.json'), 'utf8')).toBe(readFileSync(join(dir, 'out.json'), 'utf8'));

    // Progress against the merged measure, then the score reads the page through the snapshot's corrections.
    const rec = await planmeter('record', snap, '--measure', m[3]!.id, '--status', '50', '--date', '2025-06-30', '--plan', join(dir, 'page.txt'));
    expect(rec.code, rec.stderr).toBe(0);
    const score = await planmeter('score', join(dir, 'page.txt'), '--progress', snap, '--as-of', '2025-06-30', '--json');
    expect(score.code, score.stderr).toBe(0);
    const s = JSON.parse(score.stdout);
    expect(s.plans[0].title).toBe(TITLE);
    expect(s.plans[0].measures).toHaveLength(4);
    expect(s.plans[0].measures[3].completion).toBe(50);

    const before = sha(snap);
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ version: 1, corrections: [{ op: 'read-as-plan', title: TITLE }, { op: 'split-measure', measure: m[0]!.id }] }));
    const bad = await planmeter('correct', snap, join(dir, 'page.txt'), '--corrections', join(dir, 'bad.json'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('corrections[1] (split-measure).at');
    expect(sha(snap)).toBe(before);
  });
});
