// The worker keeps every stored plan in memory for related measures
// (plan.related); it is read again after any write to the database: a handler's
// own (plan.track) or another extension page's, even one that changes a plan
// without changing how many there are.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PlanMeterDB } from '../../lib/db.ts';
import { backgroundApi, dispatch } from '../../lib/messages.ts';
import { createHandlers, type Engine } from '../../lib/bg-handlers.ts';
import { parsePage } from '../../engine/parse/index.ts';
import { scorePlan } from '../../engine/score/index.ts';
import type { Plan } from '../../engine/types.ts';

const EXT = 'abcdefghijklmnopabcdefghijklmnop';
const seedText = (name: string) => readFileSync(join(import.meta.dirname, '../../seeds', name), 'utf8');

describe('the plans plan.related reads', () => {
  it('are read again after a write here or by another page', async () => {
    const seen: Plan[][] = [];
    const engine: Engine = {
      scorePlan: (plan, entries, options) => scorePlan(plan, entries, options as never) as never,
      related: async (plans) => {
        seen.push([...plans]);
        return [];
      },
      parse: async (text) => parsePage(text),
      exportSnapshot: async () => ({ json: '{}', filename: 'x.json' }),
      importSnapshot: async () => ({ accepted: 0, rejected: 0, plansAdded: 0, warnings: [], problems: [] }),
    };
    const db = new PlanMeterDB(`plans-kept-${Math.random()}`);
    const handlers = createHandlers(db, engine, { notifyTabs: () => {}, registerSites: async () => {}, now: () => new Date('2025-09-01T08:00:00Z') });
    const send = async <T,>(type: string, payload: unknown): Promise<T> => {
      const reply = (await dispatch(backgroundApi, handlers, { type, payload }, { id: EXT }, EXT)) as { ok: boolean; data?: T; message?: string };
      if (!reply.ok) throw new Error(reply.message);
      return reply.data as T;
    };
    const titlesSeen = () => seen.at(-1)!.map((p) => p.title).sort();

    const [first] = (await parsePage(seedText('000_5c7a958c132072e2.txt'))).plans;
    const { planId } = await send<{ planId: string }>('plan.track', { url: 'https://www.szgm.gov.cn/a.html', plan: first });
    await send('plan.related', { planId });
    expect(titlesSeen()).toEqual([first!.title]);

    // A second plan tracked by a handler: the next call sees both.
    const [second] = (await parsePage(seedText('003_a85699c24c36714f.txt'))).plans;
    await send('plan.track', { url: 'https://www.szgm.gov.cn/b.html', plan: second });
    await send('plan.related', { planId });
    expect(titlesSeen()).toEqual([first!.title, second!.title].sort());

    // Another extension page renames a plan: as many plans as before, the new title seen.
    const other = new PlanMeterDB(db.name);
    const record = (await other.plans.get(planId))!;
    await other.plans.put({ ...record, plan: { ...record.plan, title: '改名后的方案' } });
    other.close();
    await send('plan.related', { planId });
    expect(titlesSeen()).toEqual(['改名后的方案', second!.title].sort());
  });
});
