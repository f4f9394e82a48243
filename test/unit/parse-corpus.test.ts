// The parser against real documents with hand-made ground truth, scored by the
// corpus's own scorer (eval.py runs `planmeter parse FILE --json` per document):
// the shared development corpus where it lies (../shared/corpus, beside the
// clone in CI; never copied into this repository) and this repository's own
// documents (test/corpus/, with the sources cited in its README).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const SHARED = resolve(ROOT, '../shared/corpus');
const OWN = resolve(ROOT, 'test/corpus');

interface Scored {
  lines: string[];
  docs: number;
  right: number;
  targets: number;
  found: number;
  exact: number;
  falseTargets: number;
  outcomes: number;
  outcomesFound: number;
}

/** The CLI eval.py runs per document: `npm run planmeter` without npm's own start-up (3× faster). */
const CLI = 'node --import tsx engine/cli/main.ts parse';

function score(evalPy: string, extra: string[]): Scored {
  const run = spawnSync('python3', [evalPy, '--cli', CLI, ...extra], { cwd: ROOT, encoding: 'utf8', timeout: 280_000 });
  const lines = (run.stdout ?? '').trim().split('\n');
  const summary = lines[lines.length - 1] ?? '';
  // corpus: 21/21 documents right; targets found 68/72 (68 exact); false targets 0 of 80 traps; outcomes 15/15
  const m = /corpus: (\d+)\/(\d+) documents right; targets found (\d+)\/(\d+) \((\d+) exact\); false targets (\d+) of \d+ traps; outcomes (\d+)\/(\d+)/u.exec(summary);
  if (!m) throw new Error(`eval.py gave no summary line: ${summary || run.stderr}`);
  const [, right, docs, found, targets, exact, falseTargets, outcomesFound, outcomes] = m.map(Number);
  return { lines, docs: docs!, right: right!, targets: targets!, found: found!, exact: exact!, falseTargets: falseTargets!, outcomes: outcomes!, outcomesFound: outcomesFound! };
}

const hasShared = existsSync(resolve(SHARED, 'eval.py'));
if (!hasShared) console.warn(`parse-corpus: no shared corpus at ${SHARED} (a user's own clone): its golden test is skipped`);

describe.skipIf(!hasShared)('the shared development corpus (../shared/corpus)', () => {
  it('reads every document right, finds ≥ 90% of the targets (≥ 80% exact), reports no trap as a target', () => {
    const s = score(resolve(SHARED, 'eval.py'), []);
    console.log(s.lines.filter((l) => !l.startsWith('       ')).join('\n'));
    expect(s.lines.filter((l) => l.startsWith('BAD'))).toEqual([]);
    expect(s.right).toBe(s.docs);
    expect(s.found).toBeGreaterThanOrEqual(Math.ceil(0.9 * s.targets));
    expect(s.exact).toBeGreaterThanOrEqual(Math.ceil(0.8 * s.targets));
    expect(s.falseTargets).toBe(0);
    expect(s.outcomesFound).toBe(s.outcomes);
  }, 300_000);
});

describe.skipIf(!hasShared)("this repository's own corpus (test/corpus), scored the same way", () => {
  it('gives no plan on any negative control, no trap as a target, and reads most plans right', () => {
    const s = score(resolve(SHARED, 'eval.py'), ['--truth', resolve(OWN, 'truth.json'), '--docs', resolve(OWN, 'docs')]);
    console.log(s.lines.filter((l) => !l.startsWith('       ')).join('\n'));
    expect(s.lines.filter((l) => l.includes('NEGCTRL') && l.startsWith('BAD'))).toEqual([]);
    expect(s.falseTargets).toBe(0);
    // A floor, not the goal (21/21 right and 103/104 targets on 2026-11-27, README): a new real document
    // the parser reads wrong may be added without breaking the build, but not many.
    expect(s.right / s.docs).toBeGreaterThanOrEqual(0.9);
    expect(s.found / s.targets).toBeGreaterThanOrEqual(0.9);
  }, 300_000);
});
