// The overlay's summary panel: each plan's score, expected share, status counts
// and sections, the badges that found no place in the page, and the legend.
import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../../utils/i18n.ts';
import { percentText, statusColour, statusWord, STATUS_ORDER } from '../../utils/status.ts';
import { Legend } from '../Legend.tsx';
import type { OverlayView } from './view.ts';

export function Summary(props: { views: OverlayView[]; unplaced: preact.JSX.Element[]; onTrack(id: string): Promise<void>; collapsed?: boolean | undefined; onToggle?: ((collapsed: boolean) => void) | undefined; room?: boolean | undefined }) {
  // Remembered state first; otherwise open only when the page leaves room for it beside the text
  // (`room`: measured by the host before the overlay was drawn, while the page's layout was clean).
  const [collapsed, setCollapsedState] = useState(() => props.collapsed ?? !(props.room ?? roomForPanel()));
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

/** Width the expanded panel takes at the viewport's right edge, margins included. */
const PANEL_ROOM = 324;

/** True when the page's text leaves room at the right for the expanded panel. */
export function roomForPanel(): boolean {
  const vw = document.documentElement.clientWidth;
  let right = 0;
  const walker = document.createTreeWalker(document.body ?? document.documentElement, NodeFilter.SHOW_TEXT);
  let n = 0;
  let last: Element | null = null;
  for (let node = walker.nextNode(); node && n < 400; node = walker.nextNode()) {
    if (!node.nodeValue?.trim()) continue;
    n++;
    const el = node.parentElement;
    // Text nodes of one element (lines split by <br>) share its box: read it once.
    if (!el || el === last || el.closest('planmeter-overlay')) continue;
    last = el;
    const r = el.getBoundingClientRect();
    if (r.width > 0) right = Math.max(right, Math.min(r.right, vw));
  }
  return vw - right >= PANEL_ROOM;
}
