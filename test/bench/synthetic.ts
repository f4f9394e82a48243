// Synthetic plans and progress at the sizes the goals name (100 plans × 50
// measures × 10 entries; 5,000 measures). Texts are real seed measures,
// reshuffled clause by clause so the n-gram vocabulary stays realistic.
import { stableId } from '../../engine/ids.ts';
import type { ProgressEntry } from '../../engine/progress/schema.ts';
import type { Measure, Plan, Section, Target } from '../../engine/types.ts';

const UNITS = ['区发展改革局', '区工业和信息化局', '区科技创新局', '区财政局', '区司法局', '区商务局', '区政务服务和数据管理局', '市市场监督管理局光明监管局'];
const FALLBACK = ['提升企业开办便利度', '优化用电营商环境', '推进信用修复一件事', '完善科技金融生态系统', '加强知识产权司法保护', '支持跨境电商发展'];

/** Deterministic pseudo-random numbers (mulberry32) so every bench run sees the same data. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function varied(text: string, rand: () => number): string {
  const clauses = text.split(/(?<=[，。；,;])/u);
  for (let i = clauses.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [clauses[i], clauses[j]] = [clauses[j]!, clauses[i]!];
  }
  return clauses.join('');
}

export function syntheticPlans(planCount: number, measuresPerPlan: number, seedMeasures: Measure[]): Plan[] {
  const rand = random(42);
  const plans: Plan[] = [];
  for (let p = 0; p < planCount; p++) {
    const planId = stableId('plan', `synthetic plan ${p}`);
    const section: Section = { id: `${planId}_s1`, number: '一', title: '主要任务', measureIds: [], subsections: [], span: { start: 0, end: 0 } };
    const measures: Measure[] = [];
    for (let m = 0; m < measuresPerPlan; m++) {
      const source = seedMeasures.length ? seedMeasures[Math.floor(rand() * seedMeasures.length)]! : undefined;
      const title = source?.title ?? FALLBACK[m % FALLBACK.length]!;
      const text = source ? varied(source.text, rand) : `${title}，第${p}号方案第${m}项措施。`;
      const id = stableId('m', planId, text, String(m));
      const target: Target = {
        id: stableId('t', id, 'target'),
        label: '服务企业',
        value: 100 + m,
        unit: '家',
        comparator: '>=',
        direction: 'increase',
        quote: `服务企业不少于${100 + m}家`,
        span: { start: 0, end: 0 },
      };
      const units = [UNITS[m % UNITS.length]!, UNITS[(m * 3 + p) % UNITS.length]!];
      measures.push({
        id, number: String(m + 1), index: m + 1, title, text, units: [...new Set(units)],
        unitRoles: [...new Set(units)].map((name) => ({ name, role: 'responsible' as const })),
        targets: m % 3 === 0 ? [] : [target], sectionId: section.id, span: { start: 0, end: 0 }, quote: title,
      });
      section.measureIds.push(id);
    }
    plans.push({
      id: planId, fingerprint: planId, title: `合成方案 ${p}`, issuer: '合成', date: '2025-01-01', period: { start: 2025, end: 2025 },
      script: 'simplified', sections: [section], measures, indicators: [], narrativeTargets: [], span: { start: 0, end: 0 },
    });
  }
  return plans;
}

/**
 * Entries as the scorer meets them in real use: parsed from JSON (a snapshot
 * file, a runtime message, IndexedDB), so all value entries share one object shape.
 */
export function syntheticEntries(plans: Plan[], perMeasure: number): ProgressEntry[] {
  const rand = random(7);
  const entries: ProgressEntry[] = [];
  for (const plan of plans) {
    for (const measure of plan.measures) {
      for (let e = 0; e < perMeasure; e++) {
        const month = String(1 + Math.floor((e * 9) / perMeasure)).padStart(2, '0');
        const base = { id: `${measure.id}_e${e}`, planId: plan.id, measureId: measure.id, date: `2025-${month}-15`, updatedAt: `2025-${month}-15T08:00:00.000Z` };
        const target = measure.targets[0];
        entries.push(target
          ? { ...base, kind: 'value', targetId: target.id, value: Math.round(rand() * (target.value ?? 100)) }
          : { ...base, kind: 'status', percent: Math.round(rand() * 100) });
      }
    }
  }
  return JSON.parse(JSON.stringify(entries)) as ProgressEntry[];
}
