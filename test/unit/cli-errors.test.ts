// Bad input named plainly: the file, the field, and what to do.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlansFromFile, loadSnapshot, planJsonProblem } from '../../engine/cli/score.ts';
import { writeFileAtomic } from '../../engine/cli/files.ts';
import { parseText } from '../../engine/parse/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'planmeter-errors-'));
const plan = parseText(readFileSync(join(import.meta.dirname, '..', '..', 'seeds', '000_5c7a958c132072e2.txt'), 'utf8')).plans[0]!;

describe('a malformed plans JSON file', () => {
  it('names the field instead of failing deep inside a command', async () => {
    const broken = structuredClone(plan) as unknown as { measures: Record<string, unknown>[] };
    delete broken.measures[3]!.targets;
    const file = join(dir, 'plan.json');
    writeFileSync(file, JSON.stringify({ plans: [broken] }));
    await expect(loadPlansFromFile(file)).rejects.toThrow(`${file}: plans[0].measures[3].targets: expected a list; give the output of "planmeter parse PAGE --json"`);
    expect(planJsonProblem(null)).toBe('not an object');
    expect(planJsonProblem({ plans: [{ ...plan, fingerprint: 7 }] })).toBe('plans[0].fingerprint: expected text');
    expect(planJsonProblem({ plans: [plan] })).toBeNull();
    writeFileSync(file, 'null');
    await expect(loadPlansFromFile(file)).rejects.toThrow(/plan\.json: not an object/u);
  });
});

describe('files that are not there or cannot be', () => {
  it('a missing file, a folder, a missing folder to write into', async () => {
    await expect(loadSnapshot(join(dir, 'nope.json'))).rejects.toThrow(/nope\.json: no such file; check the name and folder/u);
    mkdirSync(join(dir, 'folder.json'));
    await expect(loadSnapshot(join(dir, 'folder.json'))).rejects.toThrow(/folder\.json: is a directory \(a folder\), not a snapshot file/u);
    await expect(loadPlansFromFile(join(dir, 'folder.json'))).rejects.toThrow(/is a directory \(a folder\), not a file/u);
    await expect(writeFileAtomic(join(dir, 'missing', 'out.json'), '{}')).rejects.toThrow(/missing\/out\.json: the folder .*missing does not exist; create it first/u);
  });
});
