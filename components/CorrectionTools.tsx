// The card's correction commands: fix how the page was read, one measure at a
// time. Every command is a button or a form in the card (keyboard-reachable:
// select text in the page, Tab into the card, press the command), and only a
// trusted user event writes: a page script's synthetic click does nothing.
// Page text is only ever rendered as text.
import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import type { Correction } from '../engine/corrections/schema.ts';
import type { Measure, Plan, Target } from '../engine/types.ts';
import { t, type MessageKey } from '../utils/i18n.ts';
import { useLastSelection } from '../hooks/last-selection.ts';

export interface TargetFields {
  value?: number;
  min?: number;
  max?: number;
  unit: string;
  comparator: Target['comparator'];
  baseline?: number;
  deadline?: string;
  label: string;
}

export interface CorrectionReply {
  outcomes: { op: string; status: 'applied' | 'unchanged' | 'unresolved'; message: string; reason?: string }[];
}

export interface CorrectionToolsProps {
  plan: Plan;
  measure: Measure;
  onCorrect(ops: Correction[]): Promise<CorrectionReply>;
  readTarget(quote: string): Promise<TargetFields | null>;
}

/** Shortest selection read as a passage with an end (shorter ones are the first words of a paragraph). */
const PASSAGE_MIN = 10;
const COMPARATORS: Target['comparator'][] = ['>=', '<=', '=', 'approx', 'range'];

function num(text: string): number | undefined {
  const n = Number(text.replace(/,/gu, '').trim());
  return text.trim() && Number.isFinite(n) ? n : undefined;
}

export function CorrectionTools(props: CorrectionToolsProps) {
  const { plan, measure } = props;
  const [selection, takeSelection] = useLastSelection();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [number, setNumber] = useState(measure.number);
  const [title, setTitle] = useState(measure.title);
  const [owners, setOwners] = useState(measure.units.join('、'));
  const [section, setSection] = useState(measure.sectionId ?? plan.sections[0]?.id ?? '');
  const [draft, setDraft] = useState<{ quote: string; targetId?: string; value: string; unit: string; comparator: Target['comparator']; baseline: string; deadline: string } | null>(null);
  const at = plan.measures.findIndex((m) => m.id === measure.id);
  const next = at >= 0 ? plan.measures[at + 1] : undefined;
  const knownOwners = [...new Set(plan.measures.flatMap((m) => m.units))].sort();
  const ref = { measure: measure.id, measureQuote: measure.quote };

  /** Runs a command on a trusted user event only. */
  const run = (make: () => Correction[] | null) => async (ev: Event) => {
    ev.preventDefault();
    if (!ev.isTrusted) return;
    const ops = make();
    if (!ops) return;
    setBusy(true);
    setMessage(null);
    try {
      const reply = await props.onCorrect(ops);
      const failed = reply.outcomes.find((o) => o.status === 'unresolved');
      // The reason in the user's language when it is a known one, else the engine's own words.
      const why = failed?.reason ? t(`correct.reason.${failed.reason}` as MessageKey) : failed?.message;
      setMessage(failed ? { ok: false, text: t('correct.notApplied', { message: why === `correct.reason.${failed.reason}` ? failed.message : (why ?? '') }) } : { ok: true, text: t('correct.done') });
    } catch (e) {
      setMessage({ ok: false, text: t('error.generic', { message: String((e as Error).message ?? e) }) });
    } finally {
      setBusy(false);
    }
  };
  const needSelection = (): string | null => {
    const text = takeSelection();
    if (!text) setMessage({ ok: false, text: t('correct.noSelection') });
    return text || null;
  };
  const openTarget = async (ev: Event) => {
    ev.preventDefault();
    if (!ev.isTrusted) return;
    const quote = needSelection();
    if (!quote) return;
    const read = await props.readTarget(quote).catch(() => null);
    setDraft({ quote, value: read?.value !== undefined ? String(read.value) : '', unit: read?.unit ?? '', comparator: read?.comparator ?? '>=', baseline: read?.baseline !== undefined ? String(read.baseline) : '', deadline: read?.deadline ?? '' });
  };
  const editTarget = (tg: Target) => (ev: Event) => {
    ev.preventDefault();
    if (!ev.isTrusted) return;
    setDraft({ quote: tg.quote, targetId: tg.id, value: tg.value !== undefined ? String(tg.value) : '', unit: tg.unit, comparator: tg.comparator, baseline: tg.baseline !== undefined ? String(tg.baseline) : '', deadline: tg.deadline ?? '' });
  };
  const targetOps = (): Correction[] | null => {
    if (!draft) return null;
    const value = num(draft.value);
    const baseline = num(draft.baseline);
    const fields = { unit: draft.unit.trim(), comparator: draft.comparator, ...(value !== undefined ? { value } : {}), ...(baseline !== undefined ? { baseline } : {}), ...(draft.deadline.trim() ? { deadline: draft.deadline.trim() } : {}) };
    setDraft(null);
    return draft.targetId ? [{ op: 'edit-target', target: draft.targetId, quote: draft.quote, ...fields }] : [{ op: 'add-target', ...ref, quote: draft.quote, ...fields }];
  };

  return (
    <details class="pm-correct" data-pm-correct={measure.id}>
      <summary>{t('correct.section')}</summary>
      <div class="pm-muted" data-pm-selection="">
        {t('correct.selection')}: {selection ? `“${selection.slice(0, 60)}${selection.length > 60 ? '…' : ''}”` : '—'}
      </div>
      <div class="pm-actions">
        <button type="button" disabled={busy} data-pm-cmd="remove-measure" onClick={run(() => [{ op: 'remove-measure', ...ref }])}>
          {t('correct.remove')}
        </button>
        {next && (
          <button type="button" disabled={busy} data-pm-cmd="merge-next" onClick={run(() => [{ op: 'merge-measures', measures: [measure.id, next.id], measureQuotes: [measure.quote, next.quote] }])}>
            {t('correct.mergeNext')}
          </button>
        )}
        <button
          type="button"
          disabled={busy}
          data-pm-cmd="split-measure"
          onClick={run(() => {
            const text = needSelection();
            return text ? [{ op: 'split-measure', ...ref, at: text.slice(0, 30) }] : null;
          })}
        >
          {t('correct.split')}
        </button>
        <button
          type="button"
          disabled={busy}
          data-pm-cmd="add-measure"
          onClick={run(() => {
            const text = needSelection();
            if (!text) return null;
            return [{ op: 'add-measure', quote: text.slice(0, 40), ...(text.length >= PASSAGE_MIN ? { end: text.slice(-Math.min(20, text.length)) } : {}) }];
          })}
        >
          {t('correct.markMeasure')}
        </button>
        <button type="button" disabled={busy} data-pm-cmd="add-target" onClick={openTarget}>
          {t('correct.addTarget')}
        </button>
      </div>
      {draft && (
        <form class="pm-form" data-pm-target-form="" onSubmit={(ev) => ev.preventDefault()}>
          <label>“{draft.quote.slice(0, 40)}”</label>
          <span />
          <label>{t('correct.value')}</label>
          <input aria-label={t('correct.value')} type="text" inputMode="decimal" value={draft.value} data-pm-t-value="" onInput={(e) => setDraft({ ...draft, value: (e.currentTarget as HTMLInputElement).value })} />
          <label>{t('correct.unit')}</label>
          <input aria-label={t('correct.unit')} type="text" value={draft.unit} maxLength={20} data-pm-t-unit="" onInput={(e) => setDraft({ ...draft, unit: (e.currentTarget as HTMLInputElement).value })} />
          <label>{t('correct.comparator')}</label>
          <select aria-label={t('correct.comparator')} value={draft.comparator} data-pm-t-comparator="" onChange={(e) => setDraft({ ...draft, comparator: (e.currentTarget as HTMLSelectElement).value as Target['comparator'] })}>
            {COMPARATORS.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
          <label>{t('correct.baseline')}</label>
          <input aria-label={t('correct.baseline')} type="text" inputMode="decimal" value={draft.baseline} onInput={(e) => setDraft({ ...draft, baseline: (e.currentTarget as HTMLInputElement).value })} />
          <label>{t('correct.deadline')}</label>
          <input aria-label={t('correct.deadline')} type="text" value={draft.deadline} maxLength={50} onInput={(e) => setDraft({ ...draft, deadline: (e.currentTarget as HTMLInputElement).value })} />
          <button type="submit" disabled={busy} data-pm-cmd="save-target" onClick={run(targetOps)}>
            {t('correct.saveTarget')}
          </button>
        </form>
      )}
      {measure.targets.length > 0 && (
        <ul>
          {measure.targets.map((tg) => (
            <li key={tg.id}>
              “{tg.quote.slice(0, 30)}”{' '}
              <button type="button" class="pm-link" data-pm-cmd="edit-target" data-pm-t={tg.id} onClick={editTarget(tg)}>
                {t('correct.editTarget')}
              </button>{' '}
              <button type="button" class="pm-link" disabled={busy} data-pm-cmd="remove-target" data-pm-t={tg.id} onClick={run(() => [{ op: 'remove-target', target: tg.id, quote: tg.quote }])}>
                {t('correct.removeTarget')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="pm-form" onSubmit={(ev) => ev.preventDefault()}>
        <label>{t('correct.number')}</label>
        <input aria-label={t('correct.number')} type="text" value={number} maxLength={20} data-pm-m-number="" onInput={(e) => setNumber((e.currentTarget as HTMLInputElement).value)} />
        <label>{t('correct.title')}</label>
        <input aria-label={t('correct.title')} type="text" value={title} maxLength={200} data-pm-m-title="" onInput={(e) => setTitle((e.currentTarget as HTMLInputElement).value)} />
        <button type="submit" disabled={busy} data-pm-cmd="edit-measure" onClick={run(() => (title.trim() ? [{ op: 'edit-measure', ...ref, number: number.trim(), title: title.trim() }] : null))}>
          {t('correct.saveEdit')}
        </button>
      </form>
      <form class="pm-form" onSubmit={(ev) => ev.preventDefault()}>
        <label>{t('correct.owners')}</label>
        <input aria-label={t('correct.owners')} type="text" value={owners} list={`pm-owners-${measure.id}`} data-pm-owners="" onInput={(e) => setOwners((e.currentTarget as HTMLInputElement).value)} />
        <datalist id={`pm-owners-${measure.id}`}>
          {knownOwners.map((o) => (
            <option key={o} value={o} />
          ))}
        </datalist>
        <button
          type="submit"
          disabled={busy}
          data-pm-cmd="set-owners"
          onClick={run(() => [{ op: 'set-owners', ...ref, owners: owners.split(/[、,，;；\s]+/u).map((o) => o.trim()).filter(Boolean) }])}
        >
          {t('correct.saveOwners')}
        </button>
      </form>
      {plan.sections.length > 1 && (
        <Fragment>
          <label>{t('correct.move')}</label>{' '}
          <select aria-label={t('correct.move')} value={section} data-pm-move-section="" onChange={(e) => setSection((e.currentTarget as HTMLSelectElement).value)}>
            {plan.sections.map((s) => (
              <option key={s.id} value={s.id}>
                {s.number ? `${s.number}、` : ''}
                {s.title}
              </option>
            ))}
          </select>{' '}
          <button
            type="button"
            disabled={busy || section === measure.sectionId}
            data-pm-cmd="move-measure"
            onClick={run(() => {
              const s = plan.sections.find((x) => x.id === section);
              return s ? [{ op: 'move-measure', ...ref, section: s.id, sectionTitle: s.title }] : null;
            })}
          >
            {t('correct.move')}
          </button>
        </Fragment>
      )}
      {message && <div class={message.ok ? 'pm-ok' : 'pm-error'} data-pm-correct-message="">{message.text}</div>}
    </details>
  );
}
