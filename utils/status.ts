// Status colours and words. The word is always shown next to the colour so
// status never depends on colour vision.
import { t } from './i18n.ts';
import { formatPercent } from '../engine/score/format.ts';
import type { Status } from '../engine/score/config.ts';

/** The engine's statuses (engine/score/config.ts STATUSES), worst first, as lists and legends show them. */
export const STATUS_ORDER: readonly Status[] = ['overdue', 'off_track', 'at_risk', 'not_started', 'on_track', 'done'];
export type StatusKey = Status;

export const STATUS_COLOURS: Record<StatusKey, string> = {
  done: '#1a7f37',
  on_track: '#0969da', // white text on it passes WCAG AA (5.1:1)
  at_risk: '#b35900',
  off_track: '#cf222e',
  not_started: '#57606a',
  overdue: '#8b1a3a',
};

export function statusWord(status: string): string {
  return t(`status.${status}`);
}

export function statusColour(status: string): string {
  if (status === OVERDUE_NOT_STARTED) return STATUS_COLOURS.overdue;
  return STATUS_COLOURS[status as StatusKey] ?? STATUS_COLOURS.not_started;
}

/** Shown for a measure past its deadline with no entry at all: staff say 逾期未启动, not 未开始. */
export const OVERDUE_NOT_STARTED = 'overdue_not_started';

/**
 * The status a view shows: the engine's status, except that a measure with no
 * entries whose deadline has passed (100% expected by now) is 逾期未启动.
 * (data-pm-status keeps the engine's status.)
 */
export function displayStatus(ms: { status: string; expected?: unknown; entryCount?: unknown } | undefined): string {
  if (!ms) return 'not_started';
  const expected = typeof ms.expected === 'number' ? ms.expected : 0;
  const entries = typeof ms.entryCount === 'number' ? ms.entryCount : 0;
  return ms.status === 'not_started' && entries === 0 && expected >= 100 ? OVERDUE_NOT_STARTED : ms.status;
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
