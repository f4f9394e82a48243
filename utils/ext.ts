// Glue for extension pages: messages to the background, downloads, scores.
import { browser } from 'wxt/browser';
import { callBackground, type RequestOf, type ReplyOf, type RequestType } from '../lib/messages.ts';
import { scorePlan, type PlanScore } from '../engine/score/index.ts';
import type { Plan } from '../engine/types.ts';
import type { EntryRecord } from '../lib/db.ts';
import type { Settings } from '../lib/store.ts';
import { today } from './status.ts';

export function bg<T extends RequestType>(type: T, payload: RequestOf<T>): Promise<ReplyOf<T>> {
  return callBackground(browser.runtime, type, payload);
}

/** Saves text as a file through an object URL (no downloads permission, nothing leaves the machine). */
export function download(filename: string, text: string | Blob, type = 'application/json'): void {
  const blob = typeof text === 'string' ? new Blob([text], { type }) : text;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function scoreWith(plan: Plan, entries: EntryRecord[], settings: Settings | undefined, asOf = today()): PlanScore {
  return scorePlan(plan, entries, { asOf, ...(settings ? { config: settings.scoreConfig } : {}) });
}

/** Asks the browser to keep our data under disk pressure; false when it would not. */
export async function requestPersistence(): Promise<boolean> {
  try {
    if (!navigator.storage?.persist) return true;
    if (await navigator.storage.persisted()) return true;
    return await navigator.storage.persist();
  } catch {
    return false;
  }
}
