// The suggestion matcher on real plan/report pairs (test/suggest/pairs.json,
// sources in test/suggest/README.md): a year's 主要预期目标 and the later page
// that reports the year's results, with the figure pairs a person matches.
// Precision of the top suggestion per target and recall are printed and held
// to the goals (≥ 90% / ≥ 70%).
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { expectedGoalsPlan, suggestProgress } from '../../engine/suggest/index.ts';
import { loadSimplifier } from '../../engine/text/simplify.ts';
import { parseText } from '../../engine/parse/index.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const suggestDir = resolve(root, 'test/suggest');
const corpusDir = resolve(root, '../shared/corpus');

interface Pair {
  id: string;
  plan: string;
  report: string;
  matches: { target: string; figure: string }[];
}
const pairs = (JSON.parse(readFileSync(resolve(suggestDir, 'pairs.json'), 'utf8')) as { pairs: Pair[] }).pairs;
// A pair may use a document of the shared development corpus (`corpus:…`, beside
// the repository); a user's own clone without it scores the other pairs.
const hasShared = existsSync(corpusDir);
const needsShared = (p: Pair) => [p.plan, p.report].some((path) => path.startsWith('corpus:'));
const usable = pairs.filter((p) => hasShared || !needsShared(p));
if (usable.length < pairs.length) console.warn(`suggest-eval: no shared corpus at ${corpusDir} (a user's own clone): ${pairs.length - usable.length} pair(s) that use it are left out`);

function read(path: string): string {
  return readFileSync(path.startsWith('corpus:') ? resolve(corpusDir, path.slice(7)) : resolve(suggestDir, path), 'utf8');
}

describe('suggestions on real plan/report pairs', () => {
  it('has at least five pairs, every quoted target and figure in its document', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(5);
    for (const p of usable) {
      const plan = read(p.plan);
      const report = read(p.report);
      for (const m of p.matches) {
        expect(plan, `${p.id}: ${m.target}`).toContain(m.target);
        expect(report, `${p.id}: ${m.figure}`).toContain(m.figure);
      }
    }
  });

  it('top suggestion precision ≥ 90% and recall ≥ 70%', async () => {
    const simplify = await loadSimplifier();
    let gold = 0;
    let suggested = 0;
    let correct = 0;
    const lines: string[] = [];
    for (const p of usable) {
      const planText = read(p.plan);
      const parsed = parseText(planText, { simplify });
      const plans = parsed.plans.length ? parsed.plans : [expectedGoalsPlan(planText, { simplify })!];
      expect(plans[0], `${p.id}: no plan read`).toBeTruthy();
      const suggestions = suggestProgress(read(p.report), plans, { simplify, asOf: '2026-11-27' });
      // The top suggestion per target (the list is best first).
      const top = new Map<string, (typeof suggestions)[number]>();
      for (const s of suggestions) if (!top.has(s.targetId)) top.set(s.targetId, s);
      let pairCorrect = 0;
      for (const s of top.values()) {
        suggested++;
        const m = p.matches.find((x) => s.targetQuote.includes(x.target));
        const ok = !!m && s.quote.includes(m.figure);
        if (ok) pairCorrect++;
        else lines.push(`  ✗ ${p.id}: ${s.targetQuote} ← ${s.quote}`);
      }
      correct += pairCorrect;
      gold += p.matches.length;
      for (const m of p.matches) {
        const hit = [...top.values()].some((s) => s.targetQuote.includes(m.target) && s.quote.includes(m.figure));
        if (!hit) lines.push(`  missed ${p.id}: ${m.target} ← ${m.figure}`);
      }
      lines.push(`  ${p.id}: ${top.size} suggested, ${pairCorrect} right, ${p.matches.length} by hand`);
    }
    const precision = suggested ? correct / suggested : 0;
    const recall = gold ? correct / gold : 0;
    console.log(`suggestions on ${usable.length} real pairs: precision of the top suggestion ${(precision * 100).toFixed(1)}% (${correct}/${suggested}), recall ${(recall * 100).toFixed(1)}% (${correct}/${gold})\n${lines.join('\n')}`);
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.7);
  });
});
