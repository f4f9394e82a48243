// UI strings live in locale files; t() looks a key up in the current language.
// Chinese (simplified) is the default; English is the other choice.
import zhCN from './locales/zh-CN.json';
import en from './locales/en.json';

export type Language = 'zh-CN' | 'en';
export type MessageKey = keyof typeof zhCN;

const tables: Record<Language, Record<string, string>> = { 'zh-CN': zhCN, en };
let current: Language = 'zh-CN';

export function setLanguage(language: Language): void {
  current = tables[language] ? language : 'zh-CN';
}

export function getLanguage(): Language {
  return current;
}

/** The string for key in the current language; {name} placeholders filled from vars. */
export function t(key: MessageKey | `status.${string}` | `milestone.${string}`, vars?: Record<string, string | number>): string {
  const text = tables[current][key] ?? tables['zh-CN'][key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/gu, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** The current language's whole table (for the report writers, which take the words as data). */
export function wordTable(): { language: Language; table: Record<string, string>; fallback: Record<string, string> } {
  return { language: current, table: tables[current], fallback: tables['zh-CN'] };
}
