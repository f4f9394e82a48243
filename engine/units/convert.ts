// Unit conversion for scoring: a progress value recorded as 0.5亿元 must be
// compared with a target of 5000万元, 1.2万家 with 12000家, 3千米 with 3公里.
// Only units of the same kind convert; counters (家 vs 个), money in
// different currencies (元 vs 美元) and working days vs calendar days
// (个工作日 vs 天) never do.

/** A unit reduced to its base: 亿元 → { base: '元', factor: 1e8 }. */
export interface CanonicalUnit {
  /** The base unit values are converted through ("元", "平方米", "家", "工作日" …). */
  base: string;
  /** How many base units one of the given unit is. */
  factor: number;
}

/** Base units with a fixed factor that are not simply 万/亿 + base. */
const SPECIAL: Record<string, CanonicalUnit> = {
  公里: { base: '米', factor: 1000 },
  千米: { base: '米', factor: 1000 },
  万公里: { base: '米', factor: 1e7 },
  平方公里: { base: '平方米', factor: 1e6 },
  万平方公里: { base: '平方米', factor: 1e10 },
  公顷: { base: '平方米', factor: 1e4 },
  万公顷: { base: '平方米', factor: 1e8 },
  千克: { base: '千克', factor: 1 },
  公斤: { base: '千克', factor: 1 },
  吨: { base: '千克', factor: 1000 },
  斤: { base: '千克', factor: 0.5 },
  千瓦时: { base: '千瓦时', factor: 1 },
  度: { base: '千瓦时', factor: 1 },
  千瓦: { base: '千瓦', factor: 1 },
  兆瓦: { base: '千瓦', factor: 1000 },
  吉瓦: { base: '千瓦', factor: 1e6 },
  '%': { base: '%', factor: 1 },
  '‰': { base: '%', factor: 0.1 },
  个百分点: { base: '百分点', factor: 1 },
  百分点: { base: '百分点', factor: 1 },
  个工作日: { base: '工作日', factor: 1 },
  工作日: { base: '工作日', factor: 1 },
  个自然日: { base: '天', factor: 1 },
  自然日: { base: '天', factor: 1 },
  天: { base: '天', factor: 1 },
  周: { base: '天', factor: 7 },
  小时: { base: '天', factor: 1 / 24 },
  分钟: { base: '天', factor: 1 / 1440 },
  秒: { base: '天', factor: 1 / 86400 },
  个月: { base: '个月', factor: 1 },
  标箱: { base: '标箱', factor: 1 },
  TEU: { base: '标箱', factor: 1 },
  'teu': { base: '标箱', factor: 1 },
  '人(件)次': { base: '人次', factor: 1 },
};

/** Magnitude prefixes, longest first. 千 only where it is not part of a unit name (千米, 千克, 千瓦 are listed above). */
const PREFIXES: [string, number][] = [
  ['万亿', 1e12],
  ['千万', 1e7],
  ['百万', 1e6],
  ['十万', 1e5],
  ['亿', 1e8],
  ['万', 1e4],
  ['千', 1e3],
  ['百', 100],
];

/** Counters that may follow "个" without changing meaning (个项目 is not a unit; 个 alone is). */
function stripDecoration(unit: string): string {
  return unit.normalize('NFKC').replace(/\s+/g, '').replace(/^每/, '');
}

/**
 * The base unit and factor of a unit as written. Unknown units are their own
 * base with factor 1, so equal spellings still compare.
 */
export function canonicalUnit(unit: string): CanonicalUnit {
  const u = stripDecoration(unit);
  const special = SPECIAL[u];
  if (special) return { ...special };
  for (const [prefix, factor] of PREFIXES) {
    if (u.length > prefix.length && u.startsWith(prefix)) {
      const rest = u.slice(prefix.length);
      // 百分点 is not 百 × 分点
      if (rest === '分点' || rest === '分比') break;
      const inner = canonicalUnit(rest);
      return { base: inner.base, factor: inner.factor * factor };
    }
  }
  return { base: u, factor: 1 };
}

/** True when values in the two units can be compared after conversion. */
export function unitsCompatible(a: string, b: string): boolean {
  return canonicalUnit(a).base === canonicalUnit(b).base;
}

/**
 * Converts value from one unit to another: convertValue(0.5, '亿元', '万元') → 5000.
 * Returns null when the units are of different kinds (家 vs 个, 个工作日 vs 天).
 */
export function convertValue(value: number, fromUnit: string, toUnit: string): number | null {
  if (!Number.isFinite(value)) return null;
  const from = canonicalUnit(fromUnit);
  const to = canonicalUnit(toUnit);
  if (from.base !== to.base) return null;
  // toPrecision removes binary noise (0.5 × 1e8 / 1e4 = 5000 exactly).
  const result = Number(((value * from.factor) / to.factor).toPrecision(12));
  return Number.isFinite(result) ? result : null;
}
