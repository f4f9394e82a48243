// The words a report is written in. They are the UI's own strings
// (utils/locales/*.json for status.*, utils/locales/report/*.json for
// report.* and import.*), passed in as a
// table so the engine holds no copy of them: the dashboard passes its current
// language's table, the CLI reads the locale file.
import type { Status } from '../score/index.ts';

export type WordTable = Readonly<Record<string, string>>;

export interface ReportWords {
  /** The table's language, e.g. zh-CN or en. */
  language: string;
  /** The string for key, {name} placeholders filled; the key itself when missing. */
  t(key: string, vars?: Record<string, string | number>): string;
  status(status: Status | string): string;
  ownerNone: string;
  sectionNone: string;
}

export function reportWords(table: WordTable, language: string, fallback?: WordTable): ReportWords {
  const t = (key: string, vars?: Record<string, string | number>): string => {
    const text = table[key] ?? fallback?.[key] ?? key;
    if (!vars) return text;
    return text.replace(/\{(\w+)\}/gu, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
  };
  return { language, t, status: (s) => t(`status.${s}`), ownerNone: t('report.ownerNone'), sectionNone: t('report.sectionNone') };
}

/** Percentages as every other view shows them (engine/score/format.ts). */
export { formatPercent as percent } from '../score/format.ts';
