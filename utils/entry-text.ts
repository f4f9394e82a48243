// Entries and targets as one line of text (the card's entry list, the entry form).
import type { Measure, Target } from '../engine/types.ts';
import type { Entry } from '../lib/messages.ts';
import { t } from './i18n.ts';
import { percentText } from './status.ts';

/** A target's goal as written beside it: ≥150个, 3–5家, ≈20%. */
export function goalText(tg: Target): string {
  const n = tg.comparator === 'range' ? `${tg.min ?? ''}–${tg.max ?? ''}` : tg.value !== undefined ? String(tg.value) : '';
  const cmp = tg.comparator === '>=' ? '≥' : tg.comparator === '<=' ? '≤' : tg.comparator === 'approx' ? '≈' : '';
  return `${cmp}${n}${tg.unit}`;
}

/** What an entry recorded: the target's label and value, a milestone, or a percentage. */
export function entryText(e: Entry, measure: Measure): string {
  if (e.kind === 'value') {
    const tg = measure.targets.find((x) => x.id === e.targetId);
    return `${tg?.label ?? ''} ${e.value}${e.unit ?? tg?.unit ?? ''}`;
  }
  if (e.milestone) return t(`milestone.${e.milestone}`);
  return percentText(e.percent);
}

/** An entry's value alone, without its measure: 150个, a milestone, or a percentage. */
export function entryValue(e: Entry): string {
  if (e.kind === 'value') return `${e.value}${e.unit ?? ''}`;
  return e.milestone ? t(`milestone.${e.milestone}`) : percentText(e.percent);
}
