// The grid the lexicon's weights were chosen by — over the tuning part of the
// hand tagging only (the held-out third never enters it):
//   npx tsx test/indicators/grid.ts
import { seedPlans, handTags } from './evaluate.ts';
import { explainMeasure, defaultLexicon } from '../../engine/indicators/index.ts';

const { plans, simplify } = await seedPlans();
const tags = handTags().filter((t) => t.split === 'tuning');
const byId = new Map(plans.flatMap((p) => p.measures.map((m) => [m.id, { m, p }] as const)));
const base = defaultLexicon();
const rows: { rules: string; P: number; R: number; F: number }[] = [];
for (const relative of [0.3, 0.35, 0.45, 0.55])
  for (const leadBodyMin of [4, 4.5, 5, 6])
    for (const weakOnlyThreshold of [3, 3.5, 4])
      for (const listFactor of [0.4, 0.5])
        for (const repeatBonus of [0.25, 0.5]) {
          const lexicon = { ...base, rules: { ...base.rules, relative, leadBodyMin, weakOnlyThreshold, listFactor, repeatBonus } };
          let tp = 0;
          let fp = 0;
          let fn = 0;
          for (const h of tags) {
            const { m, p } = byId.get(h.id)!;
            const got = explainMeasure(m, { lexicon, simplify: p.script === 'traditional' ? simplify : undefined }).indicators;
            for (const t of got) (h.indicators.includes(t) ? tp++ : fp++);
            for (const t of h.indicators) if (!got.includes(t)) fn++;
          }
          const P = tp / (tp + fp);
          const R = tp / (tp + fn);
          rows.push({ rules: JSON.stringify({ relative, leadBodyMin, weakOnlyThreshold, listFactor, repeatBonus }), P, R, F: (2 * P * R) / (P + R) });
        }
rows.sort((a, b) => b.F - a.F || b.P - a.P);
for (const r of rows.slice(0, 10)) console.log(`F ${r.F.toFixed(3)}  P ${r.P.toFixed(3)}  R ${r.R.toFixed(3)}  ${r.rules}`);
