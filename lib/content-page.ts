// The content script's page logic, no UI: which pages are worth reading, pacing
// our work between the page's own, and sending the page text to the background
// (in slices when long) to be parsed and resolved in one round trip. The glue that shows the overlay is
// components/overlay/content-main.ts.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { Plan } from '../engine/types.ts';
import { Pacer } from './pace.ts';
import { callBackground, callBackgroundRaw, checkParseReplyPaced, checkResolveReplyPaced, CorrectionStateSchema, type CorrectionStateData, type PlanViewData } from './messages.ts';

type RuntimeListener = (message: unknown, sender: { id?: string }, sendResponse: (r: unknown) => void) => boolean | void;

export interface ContentDeps {
  runtime: {
    id: string;
    sendMessage(message: unknown): Promise<unknown>;
    onMessage: { addListener(fn: RuntimeListener): void; removeListener(fn: RuntimeListener): void };
  };
  /** WXT's content script context: invalidated when the extension is reloaded or updated. */
  ctx: ContentScriptContext;
}

/**
 * Words every work plan, programme or task list uses. A page without any of
 * them is not parsed at all (most pages on a government site are news).
 */
export const PLAN_WORDS = /方案|规划|计划|措施|要点|清单|任务|责任单位|牵头单位|規劃|計劃|責任單位|牽頭單位|任務/u;

/** A reported figure: a number with a counting unit (200个, 1.8万家, 5.2%). Pages without one get no suggestions. */
export const FIGURE_RE = /\d(?:[\d.,]*\d)?\s*(?:万|亿)?\s*(?:个|家|项|件|次|人|户|元|%|套|所|座|辆|条|场|名|吨|斤|公里|平方米|亩|人次|亿元|万元)/u;

/** Longest page read for suggestions: results pages are short; a huge page is not searched for figures. */
export const SUGGEST_MAX_CHARS = 300_000;

/** A macrotask pause: lets the page run between slices of our work. */
export const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * A pause between slices of work the user is waiting for (checking the first
 * reply): the page's input and rendering still get their turn, but the rest of
 * the work is not queued behind the page's own timers (nor clamped to 4 ms as
 * nested timers are). scheduler.yield where the browser has it, else yieldToPage.
 */
export const yieldBriefly = (): Promise<void> => {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return typeof scheduler?.yield === 'function' ? scheduler.yield() : yieldToPage();
};

/** Longest slice of page text per message: copying one huge message would itself be a long task (150k chars: ~10 ms on a slow machine). */
export const PART_CHARS = 150_000;

/** A plan worth an overlay: enough numbered measures to be a work plan, not a news list. */
export function isPlanWorthShowing(plan: Plan): boolean {
  return plan.measures.length >= 3;
}

/** The page text as a message carries it: whole, or sent ahead in slices and named by a key. */
export async function pageTextPayload(deps: ContentDeps, text: string): Promise<{ text: string } | { key: string; parts: number }> {
  if (text.length <= PART_CHARS) return { text };
  const key = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  const count = Math.ceil(text.length / PART_CHARS);
  for (let i = 0; i < count; i++) {
    await callBackground(deps.runtime, 'page.part', { key, index: i, text: text.slice(i * PART_CHARS, (i + 1) * PART_CHARS) });
  }
  return { key, parts: count };
}

/**
 * Sends the page text to the background (in slices when long): one request
 * (page.open) parses it, the user's corrections applied there, and says what
 * is known of each plan worth showing. Plans and views are validated in slices.
 */
export async function openInBackground(deps: ContentDeps, text: string): Promise<{ plans: Plan[]; corrections: CorrectionStateData; views: PlanViewData[]; language: 'zh-CN' | 'en'; panelCollapsed?: boolean }> {
  const payload = await pageTextPayload(deps, text);
  const raw = await callBackgroundRaw(deps.runtime, 'page.open', { ...payload, url: location.href });
  performance.mark('planmeter:reply');
  const state = (raw as { corrections?: unknown } | null)?.corrections;
  const checked = CorrectionStateSchema.safeParse(state);
  // One budget for the whole reply (its many short lists), so no check of it is a long task.
  const pacer = new Pacer(yieldBriefly);
  const { plans } = await checkParseReplyPaced(raw, pacer);
  const { views, language, panelCollapsed } = await checkResolveReplyPaced(raw, pacer);
  return { plans, corrections: checked.success ? checked.data : { count: 0, unresolved: 0, ops: [] }, views, language, ...(panelCollapsed !== undefined ? { panelCollapsed } : {}) };
}
