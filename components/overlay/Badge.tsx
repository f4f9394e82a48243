// A measure's badge beside its text: completion and status, opening the card.
import { Component } from 'preact';
import type { Measure } from '../../engine/types.ts';
import type { PlanViewData } from '../../lib/messages.ts';
import { t } from '../../utils/i18n.ts';
import { displayStatus, percentText, statusColour, statusWord } from '../../utils/status.ts';

export interface BadgeProps {
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
export class Badge extends Component<BadgeProps> {
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
    const props = this.props;
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
}
