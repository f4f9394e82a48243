// The progress form of the overlay's card, the popup and the dashboard. Numbers
// are read as people type them (engine/progress/user-number.ts: １５０, 1,200,
// 1.2万, 0.5亿元); a value the target makes impossible is refused with what
// was wrong and an example; an unlikely one (beyond 3× the target, a large
// drop) is asked about before it is saved. Every field has a label tied to
// it; saves and errors are announced (aria-live). Every field only takes real
// user input (hooks/trusted-field.ts: the overlay's shadow root is open
// to page scripts), and what Save will write is shown beside it.
import { Fragment } from 'preact';
import { useId, useState } from 'preact/hooks';
import { useTrustedField } from '../hooks/trusted-field.ts';
import { SourceFields } from './SourceFields.tsx';
import { useSourceFields } from '../hooks/source-fields.ts';
import { sourceFields, type SourceDraft } from '../utils/entry-source.ts';
import type { Measure, Target } from '../engine/types.ts';
import type { Entry } from '../lib/messages.ts';
import { checkPlausibility, numberProblemMessage, parsePercent, parseUserNumber, plausibilityQuestion } from '../engine/progress/user-number.ts';
import { getLanguage, t } from '../utils/i18n.ts';
import { newEntryId, today } from '../utils/status.ts';
import { goalText } from '../utils/entry-text.ts';
import { futureDateProblem, isCalendarDate, latestAllowedDate } from '../engine/progress/dates.ts';

import { MILESTONE_NAMES, type Milestone } from '../engine/progress/schema.ts';
type Kind = 'value' | 'percent' | 'status';

/** The latest live value entered for a target (the previous value a drop is measured from). */
function previousValue(entries: readonly Entry[] | undefined, target: Target): number | undefined {
  const list = (entries ?? []).filter((e): e is Extract<Entry, { kind: 'value' }> => e.kind === 'value' && !e.deleted && e.targetId === target.id && (e.unit === undefined || e.unit === target.unit));
  list.sort((a, b) => (a.date + a.updatedAt).localeCompare(b.date + b.updatedAt));
  return list.at(-1)?.value;
}

function formatPlain(n: number): string {
  return String(Math.round(n * 10_000) / 10_000);
}

export interface EntryFormProps {
  planId: string;
  measure: Measure;
  onSave(e: Entry): Promise<void>;
  /** Smaller layout (the popup); every field is still there. */
  compact?: boolean;
  /** Entries so far (for the "large drop" question). */
  entries?: readonly Entry[];
  /** The page the entry is made on: its URL and title prefill the source. */
  pageSource?: Partial<SourceDraft>;
}

export function EntryForm(props: EntryFormProps) {
  const { measure } = props;
  const uid = useId();
  const hasTargets = measure.targets.length > 0;
  // Every field the entry is made of only takes real user input (trusted-field.ts).
  const targetField = useTrustedField(measure.targets[0]?.id ?? '');
  const kindField = useTrustedField<Kind>(hasTargets ? 'value' : 'status');
  const valueField = useTrustedField('');
  const percentField = useTrustedField('');
  const milestoneField = useTrustedField<Milestone>('推进中');
  const dateField = useTrustedField(today());
  const noteField = useTrustedField('');
  const source = useSourceFields(props.pageSource?.url && /^https?:/iu.test(props.pageSource.url) ? props.pageSource : {});
  const fields = [targetField, kindField, valueField, percentField, milestoneField, dateField, noteField, ...source.fields];
  const [targetId, kind, value, percent, milestone, date, note] = [targetField.value, kindField.value, valueField.value, percentField.value, milestoneField.value, dateField.value, noteField.value];
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  /** An unlikely value waiting for the user's confirmation, with the question asked. */
  const [pending, setPending] = useState<{ entry: Entry; question: string } | null>(null);
  const lang = getLanguage();
  const ids = { kind: `${uid}-kind`, target: `${uid}-target`, value: `${uid}-value`, percent: `${uid}-percent`, milestone: `${uid}-milestone`, date: `${uid}-date`, note: `${uid}-note`, error: `${uid}-error` };

  const save = async (entry: Entry) => {
    setPending(null);
    try {
      await props.onSave(entry);
      valueField.set('');
      percentField.set('');
      noteField.set('');
      source.clearQuote();
      setError('');
      setStatus(t('card.saved'));
    } catch (e) {
      setStatus('');
      setError(t('error.generic', { message: String((e as Error).message ?? e) }));
    }
  };

  const fail = (text: string) => {
    setStatus('');
    setPending(null);
    setError(text);
  };

  const submit = async (ev: Event) => {
    // The overlay's shadow root is open, so page scripts can reach this form.
    // Only a real user's click on Save (or Enter, which the browser turns into
    // a trusted click) writes: a script's el.click() is untrusted, and the
    // form's own submit event (which requestSubmit() fires trusted) never saves.
    ev.preventDefault();
    if (!ev.isTrusted || ev.type !== 'click') return;
    // A field that shows something the user did not type was changed by the page.
    if (fields.some((f) => !f.intact())) {
      fields.forEach((f) => f.restore());
      return fail(t('card.tampered'));
    }
    if (!isCalendarDate(date)) return fail(t('entry.badDate'));
    if (futureDateProblem(date, new Date())) return fail(t('card.futureDate', { date }));
    const evidence = sourceFields(source.draft());
    if (!evidence.ok) return fail(evidence.message);
    const now = new Date().toISOString();
    const base = { id: newEntryId(), planId: props.planId, measureId: measure.id, date, updatedAt: now, ...(note.trim() ? { note } : {}), ...evidence.fields };
    if (kind === 'value') {
      const tg = measure.targets.find((x) => x.id === targetId);
      if (!tg) return fail(t('entry.noTarget'));
      const parsed = parseUserNumber(value, { targetUnit: tg.unit });
      if (!parsed.ok) return fail(numberProblemMessage(parsed.problem, lang));
      const check = checkPlausibility(parsed.value, tg, previousValue(props.entries, tg));
      if (check.verdict === 'refuse') return fail(numberProblemMessage(check.problem, lang));
      const entry: Entry = { ...base, kind: 'value', targetId, value: parsed.value, ...(tg.unit ? { unit: tg.unit } : {}) };
      if (check.verdict === 'ask') {
        setError('');
        const question = check.reasons.map((q) => plausibilityQuestion(q, lang, formatPlain)).join(' ');
        setStatus(question); // announced; the buttons below ask for the answer
        setPending({ entry, question: check.reasons.map((q) => plausibilityQuestion(q, lang, formatPlain)).join(' ') });
        return;
      }
      return save(entry);
    }
    if (kind === 'percent') {
      const parsed = parsePercent(percent);
      if (!parsed.ok) return fail(numberProblemMessage(parsed.problem, lang));
      return save({ ...base, kind: 'status', percent: parsed.value });
    }
    return save({ ...base, kind: 'status', milestone });
  };

  const confirm = (ev: Event) => {
    ev.preventDefault();
    if (!ev.isTrusted || !pending) return;
    if (fields.some((f) => !f.intact())) {
      fields.forEach((f) => f.restore());
      return fail(t('card.tampered'));
    }
    void save(pending.entry);
  };

  /** Exactly what Save will write (the value as read, in the target's unit), or nothing while the input does not read. */
  function previewLine(): string {
    let what = '';
    if (kind === 'value') {
      const tg = measure.targets.find((x) => x.id === targetId);
      const parsed = tg && value.trim() ? parseUserNumber(value, { targetUnit: tg.unit }) : null;
      if (tg && parsed?.ok) what = `${tg.label} ${formatPlain(parsed.value)}${tg.unit}`;
    } else if (kind === 'percent') {
      const parsed = percent.trim() ? parsePercent(percent) : null;
      if (parsed?.ok) what = `${formatPlain(parsed.value)}%`;
    } else what = t(`milestone.${milestone}`);
    return what ? t('card.preview', { what: `${what.trim()} · ${date}${note ? ` · ${t('card.note')}: ${note}` : ''}` }) : '';
  }

  const invalid = error !== '';
  return (
    <form class={props.compact ? 'pm-form pm-compact' : 'pm-form'} onSubmit={(ev) => ev.preventDefault()} data-pm-form={measure.id} aria-label={`${t('card.add')}: ${measure.number ? `${measure.number}. ` : ''}${measure.title}`}>
      <label for={ids.kind}>{t('card.kind')}</label>
      <select id={ids.kind} {...kindField.bind} data-pm-kind="">
        {hasTargets && <option value="value">{t('card.value')}</option>}
        <option value="percent">{t('entry.percent')}</option>
        <option value="status">{t('card.milestone')}</option>
      </select>
      {kind === 'value' && (
        <Fragment>
          <label for={ids.target}>{t('card.targets')}</label>
          <select id={ids.target} {...targetField.bind} data-pm-target-select="">
            {measure.targets.map((tg) => (
              <option key={tg.id} value={tg.id}>
                {tg.label} ({goalText(tg)})
              </option>
            ))}
          </select>
          <label for={ids.value}>{t('card.value')}</label>
          <input
            id={ids.value}
            type="text"
            inputMode="decimal"
            {...valueField.bind}
            placeholder={t('entry.valueExample')}
            aria-invalid={invalid ? 'true' : 'false'}
            aria-describedby={ids.error}
            data-pm-value=""
          />
        </Fragment>
      )}
      {kind === 'percent' && (
        <Fragment>
          <label for={ids.percent}>{t('entry.percent')}</label>
          <input
            id={ids.percent}
            type="text"
            inputMode="decimal"
            {...percentField.bind}
            placeholder="80%"
            aria-invalid={invalid ? 'true' : 'false'}
            aria-describedby={ids.error}
            data-pm-percent=""
          />
        </Fragment>
      )}
      {kind === 'status' && (
        <Fragment>
          <label for={ids.milestone}>{t('card.milestone')}</label>
          <select id={ids.milestone} {...milestoneField.bind} data-pm-milestone="">
            {MILESTONE_NAMES.map((m) => (
              <option key={m} value={m}>
                {t(`milestone.${m}`)}
              </option>
            ))}
          </select>
        </Fragment>
      )}
      <label for={ids.date}>{t('card.date')}</label>
      <input id={ids.date} type="date" max={latestAllowedDate(new Date())} {...dateField.bind} data-pm-date="" />
      <label for={ids.note}>{t('card.note')}</label>
      <input id={ids.note} type="text" maxLength={10000} {...noteField.bind} data-pm-note="" />
      {props.compact ? (
        <details style={{ gridColumn: '1 / 3' }} data-pm-source-details="">
          <summary>{t('source.more')}</summary>
          <div class="pm-form">
            <SourceFields set={source} />
          </div>
        </details>
      ) : (
        <SourceFields set={source} />
      )}
      <output class="pm-muted" style={{ gridColumn: '1 / 3' }} data-pm-preview="" for={`${ids.value} ${ids.percent} ${ids.milestone} ${ids.date} ${ids.note}`}>
        {previewLine()}
      </output>
      <button type="submit" class="pm-save" data-pm-save="" onClick={submit}>
        {t('card.save')}
      </button>
      {pending && (
        <div class="pm-confirm" style={{ gridColumn: '1 / 3' }} data-pm-question="">
          <button type="button" class="pm-save" data-pm-confirm="" onClick={confirm}>
            {t('entry.confirm')}
          </button>{' '}
          <button type="button" class="pm-link" data-pm-cancel="" onClick={() => setPending(null)}>
            {t('entry.cancel')}
          </button>
        </div>
      )}
      <div class="pm-ok" role="status" aria-live="polite" style={{ gridColumn: '1 / 3' }} data-pm-status-message="">
        {status}
      </div>
      <div id={ids.error} class="pm-error" role="alert" aria-live="assertive" style={{ gridColumn: '1 / 3' }} data-pm-error="">
        {error}
      </div>
    </form>
  );
}
