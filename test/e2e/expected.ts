// What the overlay should show on a page, computed in Node from the same page
// HTML with the engine: the page's plans (≥ 3 measures), each mapped to the
// bundled seed plan it is (same fingerprint, or most measures in common), whose
// measure ids the badges carry.
import { parsePage } from '../../engine/parse/index.ts';
import { htmlToText } from '../../engine/text/html.ts';
import type { Plan } from '../../engine/types.ts';
import { measureKey } from '../../lib/keys.ts';
import { seedParseOptions } from '../../engine/seed-meta.ts';
import { readSeed, seedFiles, type TestPage } from './pages.ts';

let seedPlans: Promise<Plan[]> | null = null;

export function allSeedPlans(): Promise<Plan[]> {
  seedPlans ??= (async () => {
    const out: Plan[] = [];
    for (const f of seedFiles()) out.push(...(await parsePage(readSeed(f), seedParseOptions(f))).plans.filter((p) => p.measures.length > 0));
    return out;
  })();
  return seedPlans;
}

function storedFor(plan: Plan, seeds: Plan[]): Plan | null {
  const exact = seeds.find((s) => s.fingerprint === plan.fingerprint);
  if (exact) return exact;
  const keys = new Set(plan.measures.map((m) => measureKey(m.text)));
  let best: { p: Plan; overlap: number } | null = null;
  for (const s of seeds) {
    const shared = s.measures.filter((m) => keys.has(measureKey(m.text))).length;
    const overlap = shared / Math.max(1, Math.min(keys.size, s.measures.length));
    if (overlap >= 0.5 && (!best || overlap > best.overlap)) best = { p: s, overlap };
  }
  return best?.p ?? null;
}

export interface ExpectedPlan {
  planId: string;
  known: boolean;
  measureIds: string[];
}

export async function expectedOverlay(page: TestPage): Promise<ExpectedPlan[]> {
  const parsed = await parsePage(htmlToText(page.html));
  const seeds = await allSeedPlans();
  return parsed.plans
    .filter((p) => p.measures.length >= 3)
    .map((p) => {
      const stored = storedFor(p, seeds);
      return stored ? { planId: stored.id, known: true, measureIds: stored.measures.map((m) => m.id) } : { planId: p.id, known: false, measureIds: p.measures.map((m) => m.id) };
    });
}
