// The popup's list of figures on the current page proposed as progress on the
// tracked plans, best first, each with why and a button that records it (with
// the page as the entry's source). Only a user's click records.
import { t } from '../utils/i18n.ts';
import type { SuggestionData } from '../lib/messages.ts';
import { suggestionText } from '../utils/suggest-text.ts';
import { suggestionKey, useSuggestionAccept } from '../hooks/suggestion-accept.ts';

export function SuggestionList(props: { suggestions: SuggestionData[]; onAccept(s: SuggestionData): Promise<void> }) {
  const { busy, error, accept } = useSuggestionAccept(props.onAccept);
  if (props.suggestions.length === 0) return null;
  return (
    <section data-pm-popup-suggestions="">
      <h3 style={{ fontSize: '12px', margin: '6px 0 2px' }}>{t('suggest.title')}</h3>
      <ol style={{ margin: 0, paddingLeft: '18px' }}>
        {props.suggestions.map((s) => {
          const key = suggestionKey(s);
          return (
            <li key={key} data-pm-popup-suggestion={s.targetId} data-pm-plan={s.planId}>
              <div>{suggestionText(s)}</div>
              <div class="muted">“{s.quote}” ← {s.targetQuote}</div>
              <details>
                <summary class="muted">
                  {t('suggest.why')} ({Math.round(s.score * 100)}%)
                </summary>
                <ul class="muted" style={{ margin: 0, paddingLeft: '14px' }}>
                  {s.reasons.map((r, i) => (
                    <li key={i}>{r}</li>
                  ))}
                </ul>
              </details>
              <button
                class="btn"
                data-pm-popup-accept=""
                disabled={busy === key}
                onClick={(ev) => accept(ev, s)}
              >
                {t('suggest.accept')}
              </button>
            </li>
          );
        })}
      </ol>
      {error && <div class="error">{t('error.generic', { message: error })}</div>}
    </section>
  );
}
