// The overlay: badges beside measures, a summary panel, and a card per measure.
// Everything from the page or the plan is rendered as Preact text nodes, never
// as HTML.
import { Component, Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Measure, Plan, Target } from '../../engine/types.ts';
import type { Entry, PlanViewData } from '../messages.ts';
import type { PageText } from '../page-text.ts';
import { getLanguage, t } from '../../components/i18n.ts';
import { explainScore } from '../../engine/score/explain.ts';
import { percentText, statusColour, statusWord, today, newEntryId, STATUS_ORDER } from '../../components/status.ts';
import { readPositionsPaced, writePositions, targetRange, type MeasureAnchor } from './anchor.ts';
import { rangeFor } from '../page-text.ts';
import { HIGHLIGHT_CSS } from './styles.ts';
import { CardTags } from '../../components/CardTags.tsx';
import { CorrectionMark, CorrectionTools, type CorrectionReply, type TargetFields } from '../../components/CorrectionTools.tsx';
import type { Correction } from '../../engine/corrections/schema.ts';
import { useTrustedField } from './trusted-field.ts';
import { futureDateProblem, latestAllowedDate } from '../../engine/progress/dates.ts';
import { isCalendarDate } from '../../engine/progress/schema.ts';
import { SourceFields, SourceView, sourceFields, useSourceFields, type SourceDraft } from './EntrySource.tsx';

/** Badges rendered per step (about 10 ms of work each on a slow machine). */
const BADGE_BATCH = 100;

export interface OverlayView {
  view: PlanViewData;
  pagePlan: Plan;
  anchors: MeasureAnchor[];
}

export interface OverlayProps {
  views: OverlayView[];
  map: PageText;
  onTrack(pagePlanId: string): Promise<void>;
  onSaveEntry(view: PlanViewData, entry: Entry): Promise<void>;
  onDeleteEntry(view: PlanViewData, id: string): Promise<void>;
  /** Incremented by the host when the page may have moved (resize, DOM change). */
  layoutTick: number;
  /** The page's corrections (the "已校正 N 处" mark) and the correction commands. */
  corrections?: { count: number; unresolved: number };
  onCorrect?(ops: Correction[]): Promise<CorrectionReply>;
  onUndoCorrection?(): Promise<void>;
  readTarget?(quote: string): Promise<TargetFields | null>;
}

interface OpenCard {
  viewIndex: number;
  measureId: string;
}

export function Overlay(props: OverlayProps) {
  const [card, setCard] = useState<OpenCard | null>(null);
  const badgeRefs = useRef<(HTMLElement | null)[]>([]);
  const anchors = props.views.flatMap((v) => v.anchors);

  // After the frame is drawn (layout is clean, reads are cheap): one read pass
  // over all anchors, in slices on a long page, then one write pass.
  const pass = useRef(0);
  useEffect(() => {
    const mine = ++pass.current;
    const cancelled = () => pass.current !== mine;
    const frame = requestAnimationFrame(() =>
      setTimeout(() => {
        void readPositionsPaced(anchors, () => new Promise((r) => setTimeout(r, 0)), cancelled).then((positions) => {
          if (positions && !cancelled()) writePositions(badgeRefs.current, positions);
        });
      }, 0),
    );
    return () => cancelAnimationFrame(frame);
  });

  // Badges are added a few hundred per frame: a plan of thousands of measures
  // never renders in one long task.
  const total = anchors.length;
  const [shown, setShown] = useState(Math.min(total, BADGE_BATCH));
  useEffect(() => {
    if (shown >= total) return;
    const timer = setTimeout(() => setShown((n) => Math.min(total, n + BADGE_BATCH)), 0);
    return () => clearTimeout(timer);
  }, [shown, total]);

  let k = 0;
  const placed: preact.JSX.Element[] = [];
  const unplaced: preact.JSX.Element[] = [];
  props.views.forEach((ov, viewIndex) => {
    const measures = new Map(ov.view.plan.measures.map((m) => [m.id, m]));
    for (const anchor of ov.anchors) {
      const i = k++;
      if (i >= shown) {
        badgeRefs.current[i] = null;
        continue;
      }
      const badge = (
        <Badge
          key={`${ov.view.planId}:${anchor.measureId}`}
          view={ov.view}
          measure={measures.get(anchor.measureId)}
          measureId={anchor.measureId}
          anchored={!!anchor.head}
          viewIndex={viewIndex}
          index={i}
          lang={getLanguage()}
          refCallback={(el) => {
            badgeRefs.current[i] = anchor.head ? el : null;
          }}
          onOpen={() => setCard({ viewIndex, measureId: anchor.measureId })}
        />
      );
      (anchor.head ? placed : unplaced).push(badge);
    }
  });
  badgeRefs.current.length = k;

  const open = card ? props.views[card.viewIndex] : undefined;
  return (
    <div class="pm-root" lang={getLanguage()}>
      <div class="pm-layer">{placed}</div>
      <Summary views={props.views} unplaced={unplaced} onTrack={props.onTrack} />
      {props.corrections && props.onUndoCorrection && <CorrectionMark count={props.corrections.count} unresolved={props.corrections.unresolved} onUndo={props.onUndoCorrection} />}
      {open && card && (
        <Card
          key={`${open.view.planId}:${card.measureId}`}
          ov={open}
          map={props.map}
          measureId={card.measureId}
          onClose={() => setCard(null)}
          onSave={(e) => props.onSaveEntry(open.view, e)}
          onDelete={(id) => props.onDeleteEntry(open.view, id)}
          {...(props.onCorrect ? { onCorrect: props.onCorrect, readTarget: props.readTarget ?? (async () => null) } : {})}
        />
      )}
    </div>
  );
}

interface BadgeProps {
  view: PlanViewData;
  measure: Measure | undefined;
  measureId: string;
  anchored: boolean;
  /** Where the badge is (its callbacks close over these). */
  viewIndex: number;
  index: number;
  /** The UI language (the label is localised). */
  lang: string;
  refCallback(el: HTMLElement | null): void;
  onOpen(): void;
}

/**
 * A badge re-renders only when what it shows changed: a page of thousands of
 * measures adds badges in batches and relayouts often, and re-diffing every
 * badge each time would be a long task.
 */
class Badge extends Component<BadgeProps> {
  override shouldComponentUpdate(next: BadgeProps): boolean {
    const a = this.props;
    const sa = a.view.score.measures[a.measureId];
    const sb = next.view.score.measures[next.measureId];
    return (
      a.measureId !== next.measureId ||
      a.anchored !== next.anchored ||
      a.viewIndex !== next.viewIndex ||
      a.index !== next.index ||
      a.lang !== next.lang ||
      a.view.planId !== next.view.planId ||
      sa?.status !== sb?.status ||
      sa?.completion !== sb?.completion ||
      a.measure?.number !== next.measure?.number ||
      a.measure?.title !== next.measure?.title
    );
  }

  override render() {
    return <BadgeButton {...this.props} />;
  }
}

function BadgeButton(props: BadgeProps) {
  const ms = props.view.score.measures[props.measureId];
  const status = ms?.status ?? 'not_started';
  const completion = ms?.completion;
  const measure = props.measure;
  const label = `${percentText(completion)} ${statusWord(status)}`;
  return (
    <button
      type="button"
      class="pm-badge"
      ref={props.refCallback}
      data-pm-measure={props.measureId}
      data-pm-completion={completion === null || completion === undefined ? '' : String(Math.round(completion))}
      data-pm-status={status}
      data-pm-plan={props.view.planId}
      data-pm-anchored={props.anchored ? 'true' : 'false'}
      style={{ background: statusColour(status) }}
      title={`${measure?.number ?? ''} ${measure?.title ?? ''} — ${label}`}
      onClick={(ev) => ev.isTrusted && props.onOpen()}
    >
      {label}
    </button>
  );
}

function Summary(props: { views: OverlayView[]; unplaced: preact.JSX.Element[]; onTrack(id: string): Promise<void> }) {
  const [collapsed, setCollapsed] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <section class="pm-panel" aria-label={t('overlay.summary')} data-pm-panel="">
      <header>
        <strong>{t('app.name')}</strong>
        <button type="button" class="pm-plain" aria-expanded={!collapsed} onClick={() => setCollapsed(!collapsed)}>
          {collapsed ? t('overlay.expand') : t('overlay.collapse')}
        </button>
      </header>
      {!collapsed &&
        props.views.map(({ view }) => {
          const s = view.score;
          return (
            <div class="pm-plan" key={view.planId} data-pm-summary={view.planId}>
              <h3>{view.plan.title || t('overlay.summary')}</h3>
              <div class="pm-muted">{t('overlay.measures', { n: view.plan.measures.length })}</div>
              <div>
                {t('overlay.score')}: <span class="pm-score" data-pm-score={String(s.score ?? '')}>{percentText(s.score)}</span>
              </div>
              <div class="pm-bar" title={`${t('overlay.expected')} ${percentText(s.expected)}`}>
                <i style={{ width: `${Math.max(0, Math.min(100, s.score ?? 0))}%` }} />
                {s.expected !== undefined && s.expected !== null && <b style={{ left: `${Math.max(0, Math.min(100, s.expected))}%` }} />}
              </div>
              <div class="pm-muted">
                {t('overlay.expected')}: {percentText(s.expected)}
                {s.coverage !== undefined && s.coverage !== null ? ` · ${t('overlay.coverage')}: ${percentText(s.coverage)}` : ''}
              </div>
              <div class="pm-counts">
                {STATUS_ORDER.filter((st) => (s.statusCounts[st] ?? 0) > 0).map((st) => (
                  <span class="pm-chip" key={st} style={{ background: statusColour(st) }} data-pm-count={st}>
                    {statusWord(st)} {s.statusCounts[st]}
                  </span>
                ))}
              </div>
              {s.sections.map((sec) => {
                const title = view.plan.sections.find((x) => x.id === sec.id)?.title ?? sec.title ?? '';
                const value = typeof sec.score === 'number' ? sec.score : typeof sec.completion === 'number' ? sec.completion : 0;
                return (
                  <div class="pm-sec" key={sec.id}>
                    <span title={title}>{title}</span>
                    <span>{percentText(value)}</span>
                    <div class="pm-bar" style={{ gridColumn: '1 / 3', margin: 0 }}>
                      <i style={{ width: `${Math.max(0, Math.min(100, value))}%` }} />
                    </div>
                  </div>
                );
              })}
              {!view.tracked && (
                <Fragment>
                  {!view.known && <div class="pm-muted">{t('overlay.unknown')}</div>}
                  <button
                    type="button"
                    class="pm-track"
                    data-pm-track={view.pagePlanId}
                    disabled={busy === view.pagePlanId}
                    onClick={async (ev) => {
                      if (!ev.isTrusted) return; // not a page script's synthetic click
                      setBusy(view.pagePlanId);
                      setError(null);
                      try {
                        await props.onTrack(view.pagePlanId);
                      } catch (e) {
                        setError(String((e as Error).message ?? e));
                      } finally {
                        setBusy(null);
                      }
                    }}
                  >
                    {t('overlay.track')}
                  </button>
                </Fragment>
              )}
              {view.tracked && <div class="pm-ok">{t('overlay.tracked')}</div>}
            </div>
          );
        })}
      {!collapsed && props.unplaced.length > 0 && <div class="pm-plan pm-list">{props.unplaced}</div>}
      {error && <div class="pm-plan pm-error">{t('error.generic', { message: error })}</div>}
    </section>
  );
}

function goalText(tg: Target): string {
  const n = tg.comparator === 'range' ? `${tg.min ?? ''}–${tg.max ?? ''}` : tg.value !== undefined ? String(tg.value) : '';
  const cmp = tg.comparator === '>=' ? '≥' : tg.comparator === '<=' ? '≤' : tg.comparator === 'approx' ? '≈' : '';
  return `${cmp}${n}${tg.unit}`;
}

function entryText(e: Entry, measure: Measure): string {
  if (e.kind === 'value') {
    const tg = measure.targets.find((x) => x.id === e.targetId);
    return `${tg?.label ?? ''} ${e.value}${e.unit ?? tg?.unit ?? ''}`;
  }
  if (e.milestone) return t(`milestone.${e.milestone}`);
  return percentText(e.percent);
}

/** Exactly what Save will write: the value with its unit (or the milestone), the date and the note. */
function previewText(e: Entry, measure: Measure): string {
  return `${entryText(e, measure).trim()} · ${e.date}${e.note ? ` · ${t('card.note')}: ${e.note}` : ''}`;
}

let highlightStyleInstalled = false;

/**
 * The highlight colour must be a document style (highlights style the page's
 * own text). Installed on first use, not with the overlay: adding a
 * document-wide sheet makes the next layout read restyle the whole page.
 */
function installHighlightStyle(): void {
  if (highlightStyleInstalled) return;
  highlightStyleInstalled = true;
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(HIGHLIGHT_CSS);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  } catch {
    // Without constructable sheets the <mark> fallback carries its own default style.
  }
}

/** Highlights ranges in the page: CSS Custom Highlight API, else a temporary <mark>. */
function useHighlight(ranges: Range[]) {
  useEffect(() => {
    const css = (globalThis as { CSS?: { highlights?: Map<string, unknown> } }).CSS;
    const HighlightCtor = (globalThis as { Highlight?: new (...r: Range[]) => unknown }).Highlight;
    if (ranges.length === 0) return;
    if (css?.highlights && HighlightCtor) {
      installHighlightStyle();
      css.highlights.set('planmeter-quote', new HighlightCtor(...ranges));
      ranges[0]!.startContainer.parentElement?.scrollIntoView({ block: 'center', behavior: 'smooth' });
      return () => void css.highlights!.delete('planmeter-quote');
    }
    const marks: HTMLElement[] = [];
    for (const r of ranges) {
      try {
        const mark = document.createElement('mark');
        mark.setAttribute('data-planmeter', '');
        r.surroundContents(mark);
        marks.push(mark);
      } catch {
        // A range across element boundaries cannot be wrapped; skip it.
      }
    }
    marks[0]?.scrollIntoView({ block: 'center' });
    return () => {
      for (const mark of marks) {
        const parent = mark.parentNode;
        if (!parent) continue;
        while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
        parent.removeChild(mark);
      }
    };
  }, [ranges]);
}

function Card(props: {
  ov: OverlayView;
  map: PageText;
  measureId: string;
  onClose(): void;
  onSave(e: Entry): Promise<void>;
  onDelete(id: string): Promise<void>;
  onCorrect?(ops: Correction[]): Promise<CorrectionReply>;
  readTarget?(quote: string): Promise<TargetFields | null>;
}) {
  const { view, pagePlan, anchors } = props.ov;
  const measure = view.plan.measures.find((m) => m.id === props.measureId);
  const anchor = anchors.find((a) => a.measureId === props.measureId);
  const ms = view.score.measures[props.measureId];
  const [ranges, setRanges] = useState<Range[]>([]);
  useEffect(() => {
    if (!measure) return;
    const near = anchor?.span?.start ?? 0;
    const found = measure.targets.map((tg) => targetRange(props.map, pagePlan, tg, near)).filter((r): r is Range => !!r);
    if (found.length === 0 && anchor?.span) {
      const r = rangeFor(props.map, anchor.span.start, anchor.span.end);
      if (r) found.push(r);
    }
    setRanges(found);
  }, [props.measureId]);
  useHighlight(ranges);
  if (!measure) return null;
  const entries = view.entries.filter((e) => e.measureId === measure.id && !e.deleted).sort((a, b) => (b.date + b.updatedAt).localeCompare(a.date + a.updatedAt));
  const related = view.related[measure.id] ?? [];
  const status = ms?.status ?? 'not_started';
  return (
    <aside class="pm-card" role="dialog" aria-label={measure.title} data-pm-card={measure.id}>
      <button type="button" class="pm-close" aria-label={t('overlay.close')} onClick={props.onClose}>
        ×
      </button>
      <h2>
        {measure.number ? `${measure.number}. ` : ''}
        {measure.title}
      </h2>
      <div>
        <span class="pm-chip" style={{ background: statusColour(status) }}>
          {statusWord(status)}
        </span>{' '}
        <strong>{percentText(ms?.completion)}</strong> <span class="pm-muted">{explainScore(ms, getLanguage())}</span>
      </div>
      {measure.deadline && (
        <div class="pm-muted">
          {t('card.deadline')}: {measure.deadline}
        </div>
      )}
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
      <h4>{t('card.units')}</h4>
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
              <button type="button" class="pm-link" data-pm-delete={e.id} onClick={(ev) => ev.isTrusted && void props.onDelete(e.id)}>
                {t('card.delete')}
              </button>
              <SourceView entry={e} />
            </li>
          ))}
        </ul>
      )}
      <h4>{t('card.add')}</h4>
      {/* Keyed by the targets: a corrected measure's new targets reset the form's choices. */}
      <EntryForm key={measure.targets.map((tg) => tg.id).join('|')} planId={view.planId} measure={measure} onSave={props.onSave} pageSource={{ url: location.href, title: document.title }} />
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

export function EntryForm(props: { planId: string; measure: Measure; onSave(e: Entry): Promise<void>; compact?: boolean; /** The page the entry is made on: its URL and title prefill the source. */ pageSource?: Partial<SourceDraft> }) {
  const { measure } = props;
  const hasTargets = measure.targets.length > 0;
  // Every field the entry is made of only takes real user input (trusted-field.ts).
  const target = useTrustedField(measure.targets[0]?.id ?? '');
  const kindField = useTrustedField<'value' | 'status'>(hasTargets ? 'value' : 'status');
  const valueField = useTrustedField('');
  const milestoneField = useTrustedField<'未启动' | '推进中' | '基本完成' | '已完成'>('推进中');
  const dateField = useTrustedField(today());
  const noteField = useTrustedField('');
  const source = useSourceFields(props.pageSource?.url && /^https?:/iu.test(props.pageSource.url) ? props.pageSource : {});
  const [targetId, kind, value, milestone, date, note] = [target.value, kindField.value, valueField.value, milestoneField.value, dateField.value, noteField.value];
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  /** The entry the fields describe, or why they describe none. */
  const draft = (): { entry: Entry } | { error: string } => {
    const now = new Date().toISOString();
    if (!isCalendarDate(date)) return { error: `${t('card.date')}?` };
    if (futureDateProblem(date, new Date())) return { error: t('card.futureDate', { date }) };
    const evidence = sourceFields(source.draft());
    if (!evidence.ok) return { error: evidence.message };
    const base = { id: newEntryId(), planId: props.planId, measureId: measure.id, date, updatedAt: now, ...(note ? { note } : {}), ...evidence.fields };
    if (kind === 'value') {
      const n = Number(value.replace(/,/gu, ''));
      if (!value.trim() || !Number.isFinite(n)) return { error: t('card.value') + '?' };
      const tg = measure.targets.find((x) => x.id === targetId);
      return { entry: { ...base, kind: 'value', targetId, value: n, ...(tg?.unit ? { unit: tg.unit } : {}) } };
    }
    return { entry: { ...base, kind: 'status', milestone } };
  };
  const fields = [target, kindField, valueField, milestoneField, dateField, noteField, ...source.fields];
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
      setMessage({ ok: false, text: t('card.tampered') });
      return;
    }
    const result = draft();
    if ('error' in result) {
      setMessage({ ok: false, text: result.error });
      return;
    }
    try {
      await props.onSave(result.entry);
      valueField.set('');
      noteField.set('');
      source.clearQuote();
      setMessage({ ok: true, text: t('card.saved') });
    } catch (e) {
      setMessage({ ok: false, text: t('error.generic', { message: String((e as Error).message ?? e) }) });
    }
  };
  const preview = draft();
  return (
    <form class="pm-form" onSubmit={(ev) => ev.preventDefault()} data-pm-form={measure.id}>
      {hasTargets && (
        <Fragment>
          <label>{t('card.kind')}</label>
          <select {...kindField.bind} data-pm-kind="">
            <option value="value">{t('card.value')}</option>
            <option value="status">{t('card.milestone')}</option>
          </select>
        </Fragment>
      )}
      {kind === 'value' ? (
        <Fragment>
          <label>{t('card.targets')}</label>
          <select {...target.bind} data-pm-target-select="">
            {measure.targets.map((tg) => (
              <option key={tg.id} value={tg.id}>
                {tg.label} ({goalText(tg)})
              </option>
            ))}
          </select>
          <label>{t('card.value')}</label>
          <input type="text" inputMode="decimal" {...valueField.bind} data-pm-value="" />
        </Fragment>
      ) : (
        <Fragment>
          <label>{t('card.milestone')}</label>
          <select {...milestoneField.bind} data-pm-milestone="">
            {(['未启动', '推进中', '基本完成', '已完成'] as const).map((m) => (
              <option key={m} value={m}>
                {t(`milestone.${m}`)}
              </option>
            ))}
          </select>
        </Fragment>
      )}
      {!props.compact && (
        <Fragment>
          <label>{t('card.date')}</label>
          <input type="date" max={latestAllowedDate(new Date())} {...dateField.bind} data-pm-date="" />
          <label>{t('card.note')}</label>
          <input type="text" maxLength={10000} {...noteField.bind} data-pm-note="" />
          <SourceFields set={source} />
        </Fragment>
      )}
      {props.compact && (
        <details style={{ gridColumn: '1 / 3' }} data-pm-source-details="">
          <summary>{t('source.more')}</summary>
          <div class="pm-form">
            <SourceFields set={source} />
          </div>
        </details>
      )}
      <output class="pm-muted" style={{ gridColumn: '1 / 3' }} data-pm-preview="">
        {'entry' in preview ? t('card.preview', { what: previewText(preview.entry, measure) }) : ''}
      </output>
      <button type="submit" class="pm-save" data-pm-save="" onClick={submit}>
        {t('card.save')}
      </button>
      {message && <div class={message.ok ? 'pm-ok' : 'pm-error'} style={{ gridColumn: '1 / 3' }}>{message.text}</div>}
    </form>
  );
}
