// The README's table of what the seeds give is checked against the parser,
// cell by cell, so the documentation cannot drift from the code.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePage } from '../../engine/parse/index.ts';
import type { ParseResult } from '../../engine/types.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const SEEDS = join(ROOT, 'seeds');

function tableRows(): string[][] {
  const start = README.indexOf('| seed | kind | plans |');
  expect(start).toBeGreaterThan(0);
  const lines = README.slice(start).split('\n').slice(2);
  const end = lines.findIndex((l) => !l.startsWith('|'));
  return lines.slice(0, end).map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));
}

/** The row the README should have for a parse result (columns 2–6). */
function expectedCells(r: ParseResult): string[] {
  const plans = r.plans;
  if (plans.length === 0) return [r.kind, '0', '–', '–', `${r.outcomes.length} outcomes`];
  const sections = plans.map((p) => `${p.sections.length}/${p.sections.reduce((n, s) => n + s.subsections.length, 0)}`).join(', ');
  const measures = plans.map((p) => p.measures.length).join(', ');
  const targets = plans.reduce((n, p) => n + p.measures.reduce((k, m) => k + m.targets.length, 0), 0);
  const narrative = plans.reduce((n, p) => n + (p.narrativeTargets?.length ?? 0), 0);
  const indicators = plans.reduce((n, p) => n + (p.indicators?.length ?? 0), 0);
  const targetCell = narrative || indicators ? `${targets} + ${narrative} narrative, ${indicators} indicator rows` : String(targets);
  return [r.kind, String(plans.length), sections, measures, targetCell];
}

describe('README: what the seeds give', () => {
  const rows = tableRows();
  it('has one row per seed', () => {
    expect(rows.map((r) => r[0]!.slice(0, 3))).toEqual(readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort().map((f) => f.slice(0, 3)));
  });
  for (const row of rows) {
    it(`seed ${row[0]}`, async () => {
      const file = readdirSync(SEEDS).find((f) => f.startsWith(row[0]!.slice(0, 3)) && f.endsWith('.txt'))!;
      const result = await parsePage(readFileSync(join(SEEDS, file), 'utf8'));
      // Spaces around "/" and remarks in brackets ("40 (lead phrases)") are the README's own.
      const shown = row.slice(1, 6).map((c) => c.replace(/\s*\/\s*/gu, '/').replace(/\s*\([^)]*\)$/u, ''));
      expect(shown).toEqual(expectedCells(result));
    });
  }
});
