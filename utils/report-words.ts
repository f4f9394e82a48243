// The words of the report documents and bulk entry (utils/locales/report/*.json),
// kept apart from the UI's main tables so they stay out of the content script,
// which carries the main tables for the overlay.
import reportZh from './locales/report/zh-CN.json';
import reportEn from './locales/report/en.json';
import { wordTable } from './i18n.ts';
import { reportWords, type ReportWords } from '../engine/report/words.ts';

/** The current language's words for the report writers: the main table (status words …) plus the report table. */
export function currentReportWords(): ReportWords {
  const { language, table, fallback } = wordTable();
  // Built once per language table: `rt` asks for it on every string the dashboard renders.
  if (built?.table !== table || built.language !== language) {
    built = { table, language, words: reportWords({ ...table, ...(language === 'en' ? reportEn : reportZh) }, language, { ...fallback, ...reportZh }) };
  }
  return built.words;
}

let built: { table: Record<string, string>; language: string; words: ReportWords } | undefined;

/** A report or bulk-entry string in the current language. */
export function rt(key: string, vars?: Record<string, string | number>): string {
  return currentReportWords().t(key, vars);
}
