// The overlay: badges beside measures, a summary panel, and a card per measure.
// Everything from the page or the plan is rendered as Preact text nodes, never
// as HTML.
import { Component, Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Measure, Plan, Target } from '../../engine/types.ts';
import type { Entry, PlanViewData } from '../../lib/messages.ts';
import type { PageText } from '../../lib/page-text.ts';
import { getLanguage, t } from '../../utils/i18n.ts';
import { explainScore } from '../../engine/score/explain.ts';
import { percentText, statusColour, statusWord, today, newEntryId, STATUS_ORDER } from '../../utils/status.ts';
import { readPositionsPaced, writePositions, targetRange, needsGutter, GUTTER_WIDTH, type MeasureAnchor } from '../../lib/overlay/anchor.ts';
import { placeCard, type CardPlace } from '../../lib/overlay/place.ts';
import { rangeFor } from '../../lib/page-text.ts';
import { HIGHLIGHT_CSS } from './styles.ts';
import { EntryForm, goalText } from '../EntryForm.tsx';
import { DeleteEntryButton, useUndoBar } from '../DeleteEntryButton.tsx';
import { Legend } from '../Legend.tsx';
import { displayStatus } from '../../utils/status.ts';

/** The form moved to components/EntryForm.tsx; kept importable from here. */
export { EntryForm };
import { CardTags } from '../CardTags.tsx';
import { CorrectionMark, CorrectionTools, type CorrectionReply, type TargetFields } from '../CorrectionTools.tsx';
import type { Correction } from '../../engine/corrections/schema.ts';
import { SourceView } from './EntrySource.tsx';
import { DeadlineField } from './DeadlineField.tsx';

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
  onDeleteEntry(view: PlanViewData, id: string): Promise<{ undoId?: string } | void>;
  /** Undoes a deletion (lib/undo.ts). */
  onUndo?(undoId: string): Promise<void>;
  /** The panel's remembered state (undefined: never toggled) and where to remember a change. */
  panelCollapsed?: boolean;
  onPanelToggle?(collapsed: boolean): void;
  /** Sets or clears a measure's deadline (tracked plans; counts for reminders). */
  onSetDeadline?(view: PlanViewData, measureId: string, date: string | null): Promise<void>;
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
  /** The badge that opened the card: focus goes back to it when the card closes. */
  const opener = useRef<HTMLElement | null>(null);
  const [gutter, setGutter] = useState(false);
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
          if (!positions || cancelled()) return;
          if (!gutter && needsGutter(positions)) {
            // The page leaves no margin for badges: make one, then place again.
            installGutter();
            setGutter(true);
            return;
          }
          writePositions(badgeRefs.current, positions);
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
          onOpen={(el) => {
            opener.current = el;
            setCard({ viewIndex, measureId: anchor.measureId });
          }}
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
      <Summary views={props.views} unplaced={unplaced} onTrack={props.onTrack} collapsed={props.panelCollapsed} onToggle={props.onPanelToggle} />
      {props.corrections && props.onUndoCorrection && <CorrectionMark count={props.corrections.count} unresolved={props.corrections.unresolved} onUndo={props.onUndoCorrection} />}
      {open && card && (
        <Card
          key={`${open.view.planId}:${card.measureId}`}
          ov={open}
          map={props.map}
          measureId={card.measureId}
          onClose={() => {
            setCard(null);
            opener.current?.focus();
          }}
          onSave={(e) => props.onSaveEntry(open.view, e)}
          onDelete={(id) => props.onDeleteEntry(open.view, id)}
          {...(props.onSetDeadline && open.view.tracked ? { onSetDeadline: (measureId: string, date: string | null) => props.onSetDeadline!(open.view, measureId, date) } : {})}
          {...(props.onUndo ? { onUndo: props.onUndo } : {})}
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
  onOpen(badge: HTMLElement): void;
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
  const shown = displayStatus(ms);
  const completion = ms?.completion;
  const measure = props.measure;
  const label = `${percentText(completion)} ${statusWord(shown)}`;
  // The accessible name says which measure: number, title and status (not 49 identical "— 未开始").
  const vars = { number: measure?.number ?? '', title: measure?.title ?? '', percent: percentText(completion), status: statusWord(shown) };
  const name = measure?.number ? t('badge.name', vars) : t('badge.nameUnnumbered', vars);
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
      data-pm-display-status={shown}
      style={{ background: statusColour(shown) }}
      aria-label={name}
      aria-haspopup="dialog"
      title={`${measure?.number ?? ''} ${measure?.title ?? ''} — ${label}`}
      onClick={(ev) => ev.isTrusted && props.onOpen(ev.currentTarget as HTMLElement)}
    >
      {label}
    </button>
  );
}

function Summary(props: { views: OverlayView[]; unplaced: preact.JSX.Element[]; onTrack(id: string): Promise<void>; collapsed?: boolean | undefined; onToggle?: ((collapsed: boolean) => void) | undefined }) {
  // Remembered state first; otherwise open only when the page leaves room for it beside the text.
  const [collapsed, setCollapsedState] = useState(props.collapsed ?? !roomForPanel());
  const setCollapsed = (next: boolean) => {
    setCollapsedState(next);
    props.onToggle?.(next);
  };
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <section class={collapsed ? 'pm-panel pm-collapsed' : 'pm-panel'} aria-label={t('overlay.summary')} data-pm-panel="" data-pm-collapsed={collapsed ? 'true' : 'false'}>
      <header>
        <strong>{t('app.name')}</strong>
        <button type="button" class="pm-plain" aria-expanded={!collapsed} onClick={(ev) => ev.isTrusted && setCollapsed(!collapsed)}>
          {collapsed ? t('overlay.expand') : t('overlay.collapse')}
        </button>
      </header>
      {/* Collapsed hides the body but keeps it in the DOM: data-pm-summary/score/count stay readable. */}
      <div class="pm-body" hidden={collapsed} data-pm-panel-body="">
      {props.views.map(({ view }) => {
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
                const value = typeof sec.score === 'number' ? sec.score : 0;
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
      {props.unplaced.length > 0 && <div class="pm-plan pm-list">{props.unplaced}</div>}
      <div class="pm-plan">
        <Legend />
      </div>
      </div>
      {error && <div class="pm-plan pm-error">{t('error.generic', { message: error })}</div>}
    </section>
  );
}

function entryText(e: Entry, measure: Measure): string {
  if (e.kind === 'value') {
    const tg = measure.targets.find((x) => x.id === e.targetId);
    return `${tg?.label ?? ''} ${e.value}${e.unit ?? tg?.unit ?? ''}`;
  }
  if (e.milestone) return t(`milestone.${e.milestone}`);
  return percentText(e.percent);
}

let gutterInstalled = false;

/**
 * A gutter at the page's left for badges, when the page's own margin is too
 * narrow: badges never sit on the plan's text. Installed only on pages that
 * show a plan, only when needed.
 */
function installGutter(): void {
  if (gutterInstalled) return;
  gutterInstalled = true;
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(`html { padding-left: ${GUTTER_WIDTH}px !important; }`);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  } catch {
    document.documentElement.style.setProperty('padding-left', `${GUTTER_WIDTH}px`, 'important');
  }
}

/** Width the expanded panel takes at the viewport's right edge, margins included. */
const PANEL_ROOM = 324;

/** True when the page's text leaves room at the right for the expanded panel. */
function roomForPanel(): boolean {
  const vw = document.documentElement.clientWidth;
  let right = 0;
  const walker = document.createTreeWalker(document.body ?? document.documentElement, NodeFilter.SHOW_TEXT);
  let n = 0;
  for (let node = walker.nextNode(); node && n < 400; node = walker.nextNode()) {
    if (!node.nodeValue?.trim()) continue;
    n++;
    const el = node.parentElement;
    if (!el || el.closest('planmeter-overlay')) continue;
    const r = el.getBoundingClientRect();
    if (r.width > 0) right = Math.max(right, Math.min(r.right, vw));
  }
  return vw - right >= PANEL_ROOM;
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

/** Scrolls so a quote sits near the top of the window, leaving the space below it for the card. */
function scrollNearTop(range: Range): void {
  const rect = range.getBoundingClientRect();
  window.scrollTo({ top: Math.max(0, rect.top + window.scrollY - 96), behavior: 'instant' as ScrollBehavior });
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
      scrollNearTop(ranges[0]!);
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
    if (ranges[0]) scrollNearTop(ranges[0]);
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
  onDelete(id: string): Promise<{ undoId?: string } | void>;
  onUndo?(undoId: string): Promise<void>;
  onSetDeadline?(measureId: string, date: string | null): Promise<void>;
  onCorrect?(ops: Correction[]): Promise<CorrectionReply>;
  readTarget?(quote: string): Promise<TargetFields | null>;
}) {
  const { view, pagePlan, anchors } = props.ov;
  const heading = useRef<HTMLHeadingElement | null>(null);
  const [place, setPlace] = useState<CardPlace | null>(null);
  const undo = useUndoBar(async (id) => props.onUndo?.(id));
  // Focus moves into the card when it opens (and back to the badge when it closes).
  useEffect(() => {
    heading.current?.focus();
  }, [props.measureId]);
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
  // Beside the measure, never over its highlighted quotes (after the page scrolled to them).
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      const boxes = ranges.flatMap((r) => Array.from(r.getClientRects())).filter((r) => r.width > 0 || r.height > 0);
      const head = anchor?.head;
      const blockEl = head ? (head.startContainer.nodeType === Node.ELEMENT_NODE ? (head.startContainer as Element) : head.startContainer.parentElement)?.closest('p, li, td, div') : null;
      if (head) boxes.push(...Array.from(head.getClientRects()));
      setPlace(placeCard(boxes, blockEl ? blockEl.getBoundingClientRect() : null, document.documentElement.clientWidth, window.innerHeight));
    });
    return () => cancelAnimationFrame(frame);
  }, [ranges]);
  if (!measure) return null;
  const entries = view.entries.filter((e) => e.measureId === measure.id && !e.deleted).sort((a, b) => (b.date + b.updatedAt).localeCompare(a.date + a.updatedAt));
  const related = view.related[measure.id] ?? [];
  const status = ms?.status ?? 'not_started';
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
