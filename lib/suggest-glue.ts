// The extension's side of suggestions: an accepted suggestion becomes an entry
// (engine/suggest entryFromSuggestion) with a fresh id, and the page's URL,
// title and quoted sentence as its source.
import { entryFromSuggestion } from '../engine/suggest/index.ts';
import type { ValueEntry } from '../engine/progress/schema.ts';
import { isHttpUrl } from '../engine/progress/source.ts';
import type { SuggestionData } from './messages.ts';

/** An entry id like the forms' (time + random), unique across devices for merges. */
export function suggestionEntryId(): string {
  const rand = Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) => b.toString(16).padStart(2, '0')).join('');
  return `e_${Date.now().toString(36)}_${rand}`;
}

export function acceptedEntry(s: SuggestionData, page: { url: string; title: string }, meta: { id: string; updatedAt: string }): ValueEntry {
  return entryFromSuggestion(s, { ...(isHttpUrl(page.url) ? { url: page.url } : {}), ...(page.title ? { title: page.title } : {}) }, meta);
}
