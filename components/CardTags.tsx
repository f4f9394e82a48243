// The tag section of the page's card: each business-environment tag of the
// measure with why it is there (the phrase that decided it and where it
// stands), and — when the page takes corrections — a × to remove a tag and a
// list to add one. A change is a correction { op: 'add-tag' | 'remove-tag' },
// stored with the page's other corrections; it is sent on a trusted user event only.
import { useState } from 'preact/hooks';
import type { Measure } from '../engine/types.ts';
import type { Correction } from '../engine/corrections/schema.ts';
import type { CorrectionReply } from './CorrectionTools.tsx';
import { t, type MessageKey } from '../utils/i18n.ts';

export interface CardTag {
  id: string;
  name: string;
  kind: 'indicator' | 'dimension';
  evidence: { phrase: string; zone: string }[];
  user: boolean;
}

export function CardTags(props: { measure: Measure; tags: CardTag[]; choices: { id: string; name: string }[]; onCorrect?: ((ops: Correction[]) => Promise<CorrectionReply>) | undefined }) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  // Choosing in the list only selects; the add button (a trusted click) sends.
  const [choice, setChoice] = useState('');
  const send = async (ev: Event, op: 'add-tag' | 'remove-tag', tag: string) => {
    if (!ev.isTrusted || !props.onCorrect || !tag) return;
    setBusy(true);
    setMessage(null);
    try {
      const reply = await props.onCorrect([{ op, measure: props.measure.id, measureQuote: props.measure.quote, tag }]);
      const failed = reply.outcomes.find((o) => o.status === 'unresolved');
      if (failed) setMessage(t('correct.notApplied', { message: failed.message }));
    } catch (e) {
      setMessage(t('error.generic', { message: String((e as Error).message ?? e) }));
    } finally {
      setBusy(false);
    }
  };
  const have = new Set(props.tags.map((tg) => tg.id));
  if (props.tags.length === 0 && !props.onCorrect) return null;
  return (
    <>
      <h4>{t('ind.tags')}</h4>
      <ul>
        {props.tags.map((tg) => (
          <li key={tg.id} data-pm-tag={tg.id}>
            <span class="pm-chip" style={{ background: tg.user ? '#8250df' : tg.kind === 'dimension' ? '#57606a' : '#8c959f' }}>
              {tg.name}
            </span>{' '}
            <span class="pm-muted" data-pm-tag-why={tg.id}>
              {t('ind.why')}: {tg.user ? t('ind.zone.user') : tg.evidence.map((e) => `“${e.phrase}”（${t(`ind.zone.${e.zone}` as MessageKey)}）`).join('、')}
            </span>
            {props.onCorrect && (
              <button type="button" class="pm-link" disabled={busy} data-pm-tag-remove={tg.id} aria-label={t('ind.removeTag', { name: tg.name })} onClick={(ev) => void send(ev, 'remove-tag', tg.id)}>
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      {props.onCorrect && (
        <div>
          <select aria-label={t('ind.addTag')} disabled={busy} data-pm-tag-choice="" value={choice} onChange={(ev) => setChoice((ev.currentTarget as HTMLSelectElement).value)}>
            <option value="">{t('ind.addTag')}</option>
            {props.choices
              .filter((c) => !have.has(c.id))
              .map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
          </select>{' '}
          <button type="button" class="pm-link" disabled={busy || !choice} data-pm-tag-add="" onClick={(ev) => void send(ev, 'add-tag', choice).then(() => setChoice(''))}>
            {t('ind.add')}
          </button>
        </div>
      )}
      {message && <div class="pm-error">{message}</div>}
    </>
  );
}
