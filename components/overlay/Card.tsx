// A measure's card: status and score, targets (their quotes highlighted in the
// page), owners, tags, entries with their evidence, the entry form, corrections
// and related measures. Placed beside the measure, never over its quotes.
import { useEffect, useMemo, useRef } from 'preact/hooks';
import type { Entry } from '../../lib/messages.ts';
import type { PageText } from '../../lib/page-text.ts';
import { rangeFor } from '../../lib/page-text.ts';
import { targetRange } from '../../lib/overlay/anchor.ts';
import type { Correction } from '../../engine/corrections/schema.ts';
import { explainScore } from '../../engine/score/explain.ts';
import { getLanguage, t } from '../../utils/i18n.ts';
import { displayStatus, percentText, statusColour, statusWord } from '../../utils/status.ts';
import { entryText, goalText } from '../../utils/entry-text.ts';
import { useHighlight } from '../../hooks/highlight.ts';
import { useCardPlace } from '../../hooks/card-place.ts';
import { DeleteEntryButton } from '../DeleteEntryButton.tsx';
import { useUndoBar } from '../../hooks/undo-bar.tsx';
import { EntryForm } from '../EntryForm.tsx';
import { CardTags } from '../CardTags.tsx';
import { CorrectionTools, type CorrectionReply, type TargetFields } from '../CorrectionTools.tsx';
import { SourceView } from '../SourceView.tsx';
import { DeadlineField } from './DeadlineField.tsx';
import type { OverlayView } from './view.ts';

export function Card(props: {
  ov: OverlayView;
  map: PageText;
  measureId: string;
  /** Incremented by the overlay when the page may have moved: the card is placed again. */
  layoutTick: number;
  onClose(): void;
  onSave(e: Entry): Promise<void>;
  onDelete(id: string): Promise<{ undoId?: string } | void>;
  onUndo?(undoId: string): Promise<void>;
  onSetDeadline?(measureId: string, date: string | null): Promise<void>;
  onCorrect?(ops: Correction[]): Promise<CorrectionReply>;
  readTarget?(quote: string): Promise<TargetFields | null>;
}) {
  const { view, pagePlan, anchors } = props.ov;
  const heading = useRef<HTMLHeadingElement | null>(null);
  const undo = useUndoBar(async (id) => props.onUndo?.(id));
  // Focus moves into the card when it opens (and back to the badge when it closes).
  useEffect(() => {
    heading.current?.focus();
  }, [props.measureId]);
  const measure = view.plan.measures.find((m) => m.id === props.measureId);
  const anchor = anchors.find((a) => a.measureId === props.measureId);
  const ms = view.score.measures[props.measureId];
  // The measure's quotes in the page, found once when the card opens.
  const ranges = useMemo(() => {
    if (!measure) return [];
    const near = anchor?.span?.start ?? 0;
    const found = measure.targets.map((tg) => targetRange(props.map, pagePlan, tg, near)).filter((r): r is Range => !!r);
    if (found.length === 0 && anchor?.span) {
      const r = rangeFor(props.map, anchor.span.start, anchor.span.end);
      if (r) found.push(r);
    }
    return found;
  }, [props.measureId]);
  // Highlighted and scrolled to first, then the card placed beside the measure,
  // never over its quotes, and placed again whenever the page moves.
  useHighlight(ranges);
  const place = useCardPlace(ranges, anchor?.head, props.layoutTick);
  if (!measure) return null;
  const entries = view.entries.filter((e) => e.measureId === measure.id && !e.deleted).sort((a, b) => (b.date + b.updatedAt).localeCompare(a.date + a.updatedAt));
  const related = view.related[measure.id] ?? [];
  return (
    <aside
      class="pm-card"
      role="dialog"
      aria-labelledby={`pm-card-title-${measure.id}`}
      data-pm-card={measure.id}
      data-pm-card-side={place?.side ?? ''}
      style={place ? { left: `${place.left}px`, top: `${place.top}px`, right: 'auto', width: `${place.width}px`, maxHeight: `${place.maxHeight}px` } : undefined}
      onKeyDown={(ev) => {
        if (ev.key === 'Escape') {
          ev.stopPropagation();
          props.onClose();
        }
      }}
    >
      <button type="button" class="pm-close" aria-label={t('overlay.close')} onClick={props.onClose}>
        ×
      </button>
      <h2 id={`pm-card-title-${measure.id}`} ref={heading} tabIndex={-1}>
        {measure.number ? `${measure.number}. ` : ''}
        {measure.title}
      </h2>
      <div>
        <span class="pm-chip" style={{ background: statusColour(displayStatus(ms)) }}>
          {statusWord(displayStatus(ms))}
        </span>{' '}
        <strong>{percentText(ms?.completion)}</strong> <span class="pm-muted">{explainScore(ms, getLanguage())}</span>
      </div>
      {measure.deadline && (
        <div class="pm-muted">
          {t('card.deadline')}: {measure.deadline}
        </div>
      )}
      {props.onSetDeadline && <DeadlineField measureId={measure.id} {...(measure.deadlineDate ? { current: measure.deadlineDate } : {})} onSet={props.onSetDeadline} />}
      <h4>{t('card.targets')}</h4>
      {measure.targets.length === 0 ? (
        <div class="pm-muted">{t('card.noTargets')}</div>
      ) : (
        <ul>
          {measure.targets.map((tg) => {
            const ts = (ms?.targets as { id: string; completion: number | null; explain?: unknown; explanation?: string }[] | undefined)?.find((x) => x.id === tg.id);
            return (
              <li key={tg.id} data-pm-target={tg.id}>
                {tg.label} {goalText(tg)} {tg.deadline ? `(${tg.deadline})` : ''} — {percentText(ts?.completion)}
                {ts && <div class="pm-muted" data-pm-explain={tg.id}>{explainScore(ts, getLanguage())}</div>}
                <div class="pm-muted">“{tg.quote}”</div>
              </li>
            );
          })}
        </ul>
      )}
      <h4>{t('card.owners')}</h4>
      <div>{measure.units.length ? measure.units.join('、') : '—'}</div>
      <CardTags measure={measure} tags={view.tags?.[measure.id] ?? []} choices={view.tagChoices ?? []} onCorrect={props.onCorrect} />
      <h4>{t('card.entries')}</h4>
      {entries.length === 0 ? (
        <div class="pm-muted">{t('card.noEntries')}</div>
      ) : (
        <ul>
          {entries.map((e) => (
            <li key={e.id} data-pm-entry={e.id}>
              {e.date} · {entryText(e, measure)} {e.note ? `· ${e.note}` : ''}{' '}
              <DeleteEntryButton entryId={e.id} date={e.date} what={entryText(e, measure)} onDelete={props.onDelete} onDeleted={undo.show} undoable={!!props.onUndo} />
              <SourceView entry={e} />
            </li>
          ))}
        </ul>
      )}
      {undo.bar}
      <h4>{t('card.add')}</h4>
      {/* Keyed by the targets: a corrected measure's new targets reset the form's choices. */}
      <EntryForm key={measure.targets.map((tg) => tg.id).join('|')} planId={view.planId} measure={measure} onSave={props.onSave} entries={view.entries} pageSource={{ url: location.href, title: document.title }} />
      {props.onCorrect && <CorrectionTools key={measure.id} plan={view.plan} measure={measure} onCorrect={props.onCorrect} readTarget={props.readTarget!} />}
      <h4>{t('card.related')}</h4>
      {related.length === 0 ? (
        <div class="pm-muted">{t('card.noRelated')}</div>
      ) : (
        <ul>
          {related.map((r) => (
            <li key={`${r.planId}:${r.measureId}`}>
              {r.title} <span class="pm-muted">— {r.planTitle}</span>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
