// Accepting a suggested figure, shared by the page's marks (SuggestionMarks)
// and the popup's list (components/SuggestionList): one suggestion at a time,
// its error kept for display, and only a real user's click (isTrusted)
// records anything — the overlay's shadow root is open to page scripts.
import { useState } from 'preact/hooks';
import type { SuggestionData } from '../lib/messages.ts';

/** A suggestion's identity on the page: the plan, the target and where the figure stands. */
export function suggestionKey(s: SuggestionData): string {
  return `${s.planId}|${s.targetId}|${s.span.start}`;
}

export function useSuggestionAccept(onAccept: (s: SuggestionData) => Promise<void>): {
  busy: string | null;
  error: string | null;
  accept: (ev: Event, s: SuggestionData) => Promise<void>;
} {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const accept = async (ev: Event, s: SuggestionData) => {
    if (!ev.isTrusted) return; // a page script's synthetic click records nothing
    setBusy(suggestionKey(s));
    try {
      await onAccept(s);
      setError(null);
    } catch (e) {
      setError(String((e as Error).message ?? e));
    } finally {
      setBusy(null);
    }
  };
  return { busy, error, accept };
}
