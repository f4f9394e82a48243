// The overlay: badges beside measures (Badge.tsx), a summary panel (Summary.tsx),
// and a card per measure (Card.tsx).
// Everything from the page or the plan is rendered as Preact text nodes, never
// as HTML.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Entry, PlanViewData } from '../../lib/messages.ts';
import type { PageText } from '../../lib/page-text.ts';
import { getLanguage } from '../../utils/i18n.ts';
import { adoptDocumentSheet } from '../../utils/document-sheet.ts';
import { readPositionsPaced, writePositions, needsGutter, GUTTER_WIDTH, type Position } from '../../lib/overlay/anchor.ts';
import type { CorrectionReply, TargetFields } from '../CorrectionTools.tsx';
import { CorrectionMark } from './CorrectionMark.tsx';
import type { Correction } from '../../engine/corrections/schema.ts';
import { Badge } from './Badge.tsx';
import { Summary } from './Summary.tsx';
import { Card } from './Card.tsx';
import type { OverlayView } from './view.ts';

/** Badges rendered per step (about 10 ms of work per 100 on a slow machine; the largest seed plan page, 105, is one step). */
const BADGE_BATCH = 200;

export type { OverlayView } from './view.ts';

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
  /**
   * The first drawing's layout, read by the host before it drew (the page's layout then clean):
   * where each anchor's badge goes (in anchor order) and whether the panel has room to open.
   */
  firstLayout?: { positions: readonly (Position | null)[]; room: boolean } | undefined;
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

  // One read pass over all anchors (in slices on a long page), then one write
  // pass. Badges just rendered are placed in the same task: the page's first
  // frame has passed (content-main waits for it), so the page's layout is
  // clean and only our own new nodes are laid out; waiting for another frame
  // only left them hidden (about 20 ms on the largest seed page). A relayout
  // (resize, DOM change) reads after the next frame, as before.
  const pass = useRef(0);
  const placedUpTo = useRef(0);
  useLayoutEffect(() => {
    const mine = ++pass.current;
    const cancelled = () => pass.current !== mine;
    const place = () => {
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
    };
    if (shown > placedUpTo.current) {
      const first = placedUpTo.current === 0 ? props.firstLayout?.positions : undefined;
      placedUpTo.current = shown;
      if (first && first.length === anchors.length && !(needsGutter(first) && !gutter)) writePositions(badgeRefs.current, first);
      else place();
      return;
    }
    const frame = requestAnimationFrame(() => setTimeout(place, 0));
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
      <Summary views={props.views} unplaced={unplaced} onTrack={props.onTrack} collapsed={props.panelCollapsed} onToggle={props.onPanelToggle} room={props.firstLayout?.room} />
      {props.corrections && props.onUndoCorrection && <CorrectionMark count={props.corrections.count} unresolved={props.corrections.unresolved} onUndo={props.onUndoCorrection} />}
      {open && card && (
        <Card
          key={`${open.view.planId}:${card.measureId}`}
          ov={open}
          map={props.map}
          measureId={card.measureId}
          layoutTick={props.layoutTick}
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

let gutterInstalled = false;

/**
 * A gutter at the page's left for badges, when the page's own margin is too
 * narrow: badges never sit on the plan's text. Installed only on pages that
 * show a plan, only when needed.
 */
function installGutter(): void {
  if (gutterInstalled) return;
  gutterInstalled = true;
  if (!adoptDocumentSheet(`html { padding-left: ${GUTTER_WIDTH}px !important; }`)) {
    document.documentElement.style.setProperty('padding-left', `${GUTTER_WIDTH}px`, 'important');
  }
}
