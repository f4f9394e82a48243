// Storage pressure: when the disk quota runs out, every write is refused with
// code 'quota' and a message that names the way out (export), nothing is
// half-written, and export itself still works. The quota error is produced
// where a browser produces it: IndexedDB's put/add (fake-indexeddb's object
// store), under Dexie and the app's transactions.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createSnapshot, parseSnapshot, serializeSnapshot } from '../../engine/snapshot/index.ts';
import type { PlanMeterDB } from '../../lib/db.ts';
import { backgroundOn, digestDb, seededDb } from '../fixtures/db-tools.ts';

const store = (globalThis as unknown as { IDBObjectStore: { prototype: Record<string, (...args: unknown[]) => unknown> } }).IDBObjectStore.prototype;
const originals = { put: store.put!, add: store.add! };
let full = false;
let writesSeen = 0;
/** From now on, writes fail as on a full disk (after `allow` more succeed). */
function fillDisk(allow = 0) {
  full = true;
  writesSeen = 0;
  const wrap = (name: 'put' | 'add') =>
    function (this: unknown, ...args: unknown[]) {
      if (full && writesSeen++ >= allow) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return originals[name].apply(this, args);
    };
  store.put = wrap('put');
  store.add = wrap('add');
}

const opened: PlanMeterDB[] = [];
afterEach(() => {
  full = false;
  store.put = originals.put;
  store.add = originals.add;
  for (const db of opened.splice(0)) db.close();
});

async function setup() {
  const { db, plan } = await seededDb();
  opened.push(db);
  return { db, plan, ...backgroundOn(db) };
}

export const QUOTA_CASES: string[] = [];
function quotaCase(name: string, fn: () => Promise<void>) {
  QUOTA_CASES.push(name);
  it(name, fn);
}

describe('a full disk', () => {
  quotaCase('an entry typed in the overlay or popup is refused with code "quota" and a way out; nothing stored', async () => {
    const { db, plan, send } = await setup();
    const m = plan.measures.find((x) => x.targets.length > 0)!;
    const before = await digestDb(db);
    fillDisk();
    const reply = await send('entry.put', { entry: { id: 'new-1', planId: plan.id, measureId: m.id, kind: 'value', targetId: m.targets[0]!.id, value: 5, date: '2025-08-01', updatedAt: '2025-08-01T10:00:00.000Z' } });
    expect(reply).toMatchObject({ ok: false, code: 'quota' });
    expect(reply.message).toMatch(/export/iu);
    full = false;
    expect(await digestDb(db)).toBe(before);
  });

  quotaCase('an import that runs out of space half-way writes none of its entries', async () => {
    const { db, plan, send } = await setup();
    const m = plan.measures.find((x) => x.targets.length > 0)!;
    const entries = Array.from({ length: 50 }, (_, i) => ({ id: `q-${i}`, planId: plan.id, measureId: m.id, kind: 'value' as const, targetId: m.targets[0]!.id, value: i, date: '2025-08-01', updatedAt: `2025-08-01T10:00:${String(i).padStart(2, '0')}.000Z` }));
    const json = serializeSnapshot(createSnapshot({ plans: [plan], entries, asOf: '2025-08-02', appVersion: '0.1.0', createdAt: '2025-08-02T00:00:00.000Z' }));
    const before = await digestDb(db);
    fillDisk(20); // twenty rows fit, the 21st does not
    const reply = await send('snapshot.import', { json });
    expect(reply).toMatchObject({ ok: false, code: 'quota' });
    full = false;
    expect(await digestDb(db)).toBe(before);
    expect(await db.entries.where('id').startsWith('q-').count()).toBe(0);
  });

  quotaCase('tracking a plan and saving settings are refused the same way', async () => {
    const { db, plan, send } = await setup();
    const before = await digestDb(db);
    fillDisk();
    const other = { ...plan, id: 'plan_other', fingerprint: 'fp_other', measures: plan.measures.slice(0, 5).map((m) => ({ ...m, id: `${m.id}_o`, text: `${m.text}(另一方案)` })) };
    expect(await send('plan.track', { url: 'http://www.example.gov.cn/a.html', plan: other })).toMatchObject({ ok: false, code: 'quota' });
    expect(await send('settings.put', { settings: { language: 'en', sites: [], scoreConfig: {} } })).toMatchObject({ ok: false, code: 'quota' });
    full = false;
    expect(await digestDb(db)).toBe(before);
  });

  quotaCase('export, the way out, still works on a full disk and holds every entry', async () => {
    const { db, send } = await setup();
    fillDisk();
    const reply = await send('snapshot.export', {});
    expect(reply.ok, `export failed on a full disk: ${reply.code} ${reply.message}`).toBe(true);
    full = false;
    const parsed = parseSnapshot((reply.data as { json: string }).json);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.snapshot.entries.map((e) => e.id).sort()).toEqual((await db.entries.toArray()).map((e) => e.id).sort());
  });

  quotaCase('a quota error wrapped by Dexie (AbortError with inner QuotaExceededError) is still recognised', async () => {
    const { db, plan, send } = await setup();
    const m = plan.measures[0]!;
    const original = db.entries.put.bind(db.entries);
    db.entries.put = (() => {
      const inner = new DOMException('quota', 'QuotaExceededError');
      return Promise.reject(Object.assign(new Error('Transaction aborted'), { name: 'AbortError', inner }));
    }) as unknown as typeof db.entries.put;
    const reply = await send('entry.put', { entry: { id: 'new-2', planId: plan.id, measureId: m.id, kind: 'status', percent: 10, date: '2025-08-01', updatedAt: '2025-08-01T10:00:00.000Z' } });
    db.entries.put = original;
    expect(reply).toMatchObject({ ok: false, code: 'quota' });
  });
});
