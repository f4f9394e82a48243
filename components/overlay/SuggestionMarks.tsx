// Marks on the figures of a results page: "可作为《…》第6项的进展: 200个 → 完成度 100%"
// beside each suggested figure, with a button that records it. The shadow root
// is open, so a page script can reach the button: only a real user's click
// (isTrusted) records anything.
import { t } from '../../utils/i18n.ts';
import type { SuggestionData } from '../../lib/messages.ts';
import { rangeFor, type PageText } from '../../lib/page-text.ts';
import { suggestionText } from '../../utils/suggest-text.ts';
import { suggestionKey, useSuggestionAccept } from '../../hooks/suggestion-accept.ts';

export interface SuggestionMarksProps {
  suggestions: SuggestionData[];
  map: PageText;
  onAccept(s: SuggestionData): Promise<void>;
  /** Incremented by the host when the page may have moved. */
  layoutTick: number;
}

export function SuggestionMarks(props: SuggestionMarksProps) {
  const { busy, error, accept } = useSuggestionAccept(props.onAccept);
  return (
    <div class="pm-root pm-layer" data-pm-suggestions="">
      {props.suggestions.map((s) => {
        const range = rangeFor(props.map, s.span.start, s.span.end);
        const rect = range?.getBoundingClientRect();
        if (!rect || (rect.width === 0 && rect.height === 0)) return null;
        const key = suggestionKey(s);
        return (
          <div
            key={key}
            class="pm-suggest"
            data-pm-suggestion={s.targetId}
            data-pm-plan={s.planId}
            title={s.reasons.join('\n')}
            style={{ top: `${rect.bottom + scrollY + 2}px`, left: `${rect.left + scrollX}px` }}
          >
            <span>{suggestionText(s)}</span>{' '}
            <button
              type="button"
              class="pm-accept"
              data-pm-accept=""
              disabled={busy === key}
              onClick={(ev) => accept(ev, s)}
            >
              {t('suggest.accept')}
            </button>
          </div>
        );
      })}
      {error && <div class="pm-suggest pm-error" style={{ position: 'fixed', bottom: '12px', right: '12px' }}>{t('error.generic', { message: error })}</div>}
    </div>
  );
}
