// The words of a suggestion, shared by the page's marks and the popup:
// "可作为《…》第6项的进展: 200个 → 完成度 100%".
import { t } from './i18n.ts';
import type { SuggestionData } from '../lib/messages.ts';

function number(n: number): string {
  return String(Math.round(n * 10_000) / 10_000);
}

export function suggestionText(s: SuggestionData): string {
  const completion = s.completion === null ? '' : t('suggest.completion', { pct: number(s.completion) });
  const vars = { plan: s.planTitle, number: s.measureNumber ?? '', value: number(s.value), unit: s.unit, completion };
  return s.measureNumber ? t('suggest.mark', vars) : t('suggest.markNarrative', vars);
}
