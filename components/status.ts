// Status colours and words. The word is always shown next to the colour so
// status never depends on colour vision.
import { t } from './i18n.ts';
import { formatPercent } from '../engine/score/format.ts';

export const STATUS_ORDER = ['overdue', 'off_track', 'at_risk', 'not_started', 'on_track', 'done'] as const;
export type StatusKey = (typeof STATUS_ORDER)[number];

export const STATUS_COLOURS: Record<StatusKey, string> = {
  done: '#1a7f37',
  on_track: '#2f81f7',
  at_risk: '#b35900',
  off_track: '#cf222e',
  not_started: '#6e7781',
  overdue: '#8b1a3a',
};

export function statusWord(status: string): string {
  return t(`status.${status}`);
}

export function statusColour(status: string): string {
  return STATUS_COLOURS[status as StatusKey] ?? STATUS_COLOURS.not_started;
}

/** "45%" or "—" when there is nothing to show: the engine's one rounding rule (engine/score/format.ts). */
export function percentText(value: number | null | undefined): string {
  return formatPercent(value);
}

export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A unique entry id (time + random), sortable by creation. */
export function newEntryId(): string {
  const rand = Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(16).padStart(2, '0')).join('');
  return `e_${Date.now().toString(36)}_${rand}`;
}
