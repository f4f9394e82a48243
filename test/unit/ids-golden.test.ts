// Ids are pinned. Stored entries and exported snapshots name plans, measures
// and targets by id, so the ids the parser gives the seeds must never move:
// test/golden/seed-ids.json was written once from this version's output and
// is compared here (the implementation is not its own oracle). And a snapshot
// exported by this version (test/fixtures/snapshot-seeds-app0.1.0.json)
// imports into a fresh install of the current one entry for entry, every
// entry on a measure, with the scores it was exported with.
import 'fake-indexeddb/auto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlansFromFile, SEEDS_DIR } from '../../engine/cli/score.ts';
import { parsePage } from '../../engine/parse/index.ts';
import { seedParseOptions } from '../../engine/seed-meta.ts';
import { parseSnapshot, type Snapshot } from '../../engine/snapshot/index.ts';
import { orphanEntries } from '../../engine/progress/orphans.ts';
import { scorePlans } from '../../engine/score/index.ts';
import { PlanMeterDB } from '../../lib/db.ts';
import { ensureSeeds } from '../../lib/bg-handlers.ts';
import { importSnapshotJson } from '../../lib/backup.ts';
import { liveEntriesOf } from '../../lib/store.ts';

interface GoldenPlan {
  id: string;
  fingerprint: string;
  title: string;
  /** [measure id, ...its target ids] in order */
  measures: string[][];
}
const GOLDEN = JSON.parse(readFileSync(join(import.meta.dirname, '../golden/seed-ids.json'), 'utf8')) as { seeds: Record<string, GoldenPlan[]> };
const FIXTURE = readFileSync(join(import.meta.dirname, '../fixtures/snapshot-seeds-app0.1.0.json'), 'utf8');
const seedFiles = readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt')).sort();

describe('the seeds\' ids are pinned', () => {
  it('the golden file covers every seed', () => {
    expect(Object.keys(GOLDEN.seeds)).toEqual(seedFiles);
    expect(Object.values(GOLDEN.seeds).flat().map((p) => p.measures.length)).toEqual([53, 26, 44, 31, 30, 40]);
  });

  for (const file of seedFiles) {
    it(`${file}: plan, measure and target ids and the fingerprint are the pinned ones`, async () => {
      const plans = await loadPlansFromFile(join(SEEDS_DIR, file)).catch(() => []);
      const got: GoldenPlan[] = plans.map((p) => ({ id: p.id, fingerprint: p.fingerprint, title: p.title, measures: p.measures.map((m) => [m.id, ...m.targets.map((t) => t.id)]) }));
      expect(got).toEqual(GOLDEN.seeds[file]);
    });
  }
});

describe('a snapshot exported by this version imports into the next', () => {
  it('the fixture is this version\'s export of seed plans (its ids are the pinned ones)', () => {
    const parsed = parseSnapshot(FIXTURE);
    expect(parsed.ok).toBe(true);
    const snapshot = (parsed as { snapshot: Snapshot }).snapshot;
    const golden = new Map(Object.values(GOLDEN.seeds).flat().map((p) => [p.id, p]));
    for (const ref of snapshot.plans) expect(golden.get(ref.id)?.fingerprint).toBe(ref.fingerprint);
    expect(snapshot.entries).toHaveLength(25);
  });

  it('into a fresh install: every entry accepted, on a measure, with the exported scores', async () => {
    const db = new PlanMeterDB(`golden-${Math.random()}`);
    try {
      const seeds = Object.fromEntries(seedFiles.map((f) => [`seeds/${f}`, readFileSync(join(SEEDS_DIR, f), 'utf8')]));
      // As entrypoints/background.ts seeds a new install.
      await ensureSeeds(db, seeds, (text, file) => parsePage(text, seedParseOptions(file)));
      const result = await importSnapshotJson(db, FIXTURE, false, new Date('2025-09-01T08:00:00.000Z'));
      expect(result).toMatchObject({ accepted: 25, rejected: 0, problems: [] });
      const snapshot = (parseSnapshot(FIXTURE) as { snapshot: Snapshot }).snapshot;
      for (const ref of snapshot.plans) {
        const record = (await db.plans.get(ref.id))!;
        expect(record.fingerprint).toBe(ref.fingerprint);
        const entries = await liveEntriesOf(db, ref.id);
        expect(orphanEntries(record.plan, entries)).toEqual([]);
        const [score] = scorePlans([record.plan], entries, { asOf: snapshot.asOf });
        expect(score!.score).toBe(snapshot.scores.find((s) => s.planId === ref.id)!.score);
      }
    } finally {
      db.close();
    }
  });
});
