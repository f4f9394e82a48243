// The extension's database. It lives in the extension origin only (service
// worker and extension pages): a content script's IndexedDB would be the web
// page's, readable by the page, so content scripts reach it through messages.
//
// The schema is versioned from the first release. Every change adds a new
// `version(n)` block; old blocks stay so that any older database upgrades in
// place (see test/unit/db-upgrade.test.ts).
import Dexie, { type EntityTable } from 'dexie';
import type { Plan } from '../engine/types.ts';
import type { ProgressEntry } from '../engine/progress/schema.ts';
import type { CorrectionRecord } from '../engine/corrections/schema.ts';

export const DB_NAME = 'planmeter';

/** A plan PlanMeter knows: a bundled seed, one the user tracked on a page, or one imported. */
export interface PlanRecord {
  id: string;
  fingerprint: string;
  title: string;
  /** 1 when the user follows this plan (IndexedDB cannot index booleans). */
  tracked: 0 | 1;
  origin: 'seed' | 'page' | 'import';
  /** Seed file name, or the page address the plan was tracked from (shown, never fetched). */
  source: string;
  /** The parsed plan as the engine produced it. */
  plan: Plan;
  /** One key per measure text: finds the same plan on another page by overlap. */
  measureKeys: string[];
  addedAt: string;
}

/** Progress entries as stored: the engine's ProgressEntry. */
export type EntryRecord = ProgressEntry;

export interface SettingRecord {
  key: string;
  value: unknown;
}

/** A snapshot kept in history (score over time, diff against an earlier one). */
export interface SnapshotRecord {
  id: string;
  createdAt: string;
  /** 'auto' snapshots are taken at most once a day; 'export' when the user exported. */
  reason: 'auto' | 'export' | 'import';
  /** Plan id → plan score (0..100) at that time, for the score-over-time chart. */
  scores: Record<string, number>;
  /** The serialized snapshot JSON (engine/snapshot format). */
  json: string;
}

/** Version 1 stores. Kept as written: older databases are described by it. */
export const SCHEMA_V1 = {
  plans: 'id, fingerprint, tracked, addedAt, *measureKeys',
  entries: 'id, planId, measureId, date, updatedAt',
  settings: 'key',
  snapshots: 'id, createdAt',
} as const;

/** Version 2: entries indexed by target and by (plan, measure) for the card and table views. */
export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  entries: 'id, planId, measureId, targetId, date, updatedAt, [planId+measureId]',
} as const;

/**
 * Version 3: light tables the views read on every open, so that neither the
 * plan list nor the score-over-time chart has to load whole plans or whole
 * snapshot files: `planIndex` (title, tracked, measure count per plan) and
 * `history` (the scores of each snapshot, by day).
 */
export const SCHEMA_V3 = {
  ...SCHEMA_V2,
  planIndex: 'id, tracked',
  history: 'id, createdAt, day',
} as const;

/**
 * Version 4: `corrections`, the user's fixes to how pages were read (engine
 * CorrectionRecord), keyed by the plan fingerprint and the page URL they were
 * made on. A new table only: existing tables are untouched.
 */
export const SCHEMA_V4 = {
  ...SCHEMA_V3,
  corrections: 'id, fingerprint, url, planId, createdAt, updatedAt',
} as const;

export const CURRENT_VERSION = 4;

/** One row per plan for lists (kept in step with `plans` by lib/store.ts). */
export interface PlanIndexRecord {
  id: string;
  title: string;
  tracked: 0 | 1;
  origin: PlanRecord['origin'];
  source: string;
  measures: number;
}

/** The scores of one history point (the file itself, when kept, is in `snapshots`). */
export interface HistoryRecord {
  id: string;
  createdAt: string;
  /** Local day YYYY-MM-DD of createdAt. */
  day: string;
  reason: SnapshotRecord['reason'];
  scores: Record<string, number>;
}

export function indexRowOf(r: PlanRecord): PlanIndexRecord {
  return { id: r.id, title: r.title, tracked: r.tracked, origin: r.origin, source: r.source, measures: r.plan?.measures?.length ?? 0 };
}

function localDay(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso.slice(0, 10) : `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function historyRowOf(s: Pick<SnapshotRecord, 'id' | 'createdAt' | 'reason' | 'scores'>): HistoryRecord {
  return { id: s.id, createdAt: s.createdAt, day: localDay(s.createdAt), reason: s.reason, scores: s.scores ?? {} };
}

export class PlanMeterDB extends Dexie {
  plans!: EntityTable<PlanRecord, 'id'>;
  entries!: EntityTable<EntryRecord, 'id'>;
  settings!: EntityTable<SettingRecord, 'key'>;
  snapshots!: EntityTable<SnapshotRecord, 'id'>;
  planIndex!: EntityTable<PlanIndexRecord, 'id'>;
  history!: EntityTable<HistoryRecord, 'id'>;
  corrections!: EntityTable<CorrectionRecord, 'id'>;

  constructor(name = DB_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores(SCHEMA_V1);
    // Only indexes change: no data rewrite is needed, Dexie re-indexes in place.
    this.version(2).stores(SCHEMA_V2);
    // New tables filled from the existing rows; existing tables are untouched.
    this.version(3)
      .stores(SCHEMA_V3)
      .upgrade(async (tx) => {
        await tx.table('plans').each((r: PlanRecord) => tx.table('planIndex').put(indexRowOf(r)));
        await tx.table('snapshots').each((s: SnapshotRecord) => tx.table('history').put(historyRowOf(s)));
      });
    this.version(4).stores(SCHEMA_V4);
  }
}

let shared: PlanMeterDB | undefined;

/** The one database of this extension context. */
export function getDb(): PlanMeterDB {
  shared ??= new PlanMeterDB();
  return shared;
}

/** True when an error (possibly wrapped by Dexie) means the disk quota ran out. */
export function isQuotaError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const name = (e as { name?: string }).name;
    if (name === 'QuotaExceededError' || name === 'QuotaExceeded') return true;
    e = (e as { inner?: unknown }).inner;
  }
  return false;
}
