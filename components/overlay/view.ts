// What the overlay shows of one plan on the page: the background's view of it,
// the plan as read from this page, and where its measures are in the page.
import type { Plan } from '../../engine/types.ts';
import type { PlanViewData } from '../../lib/messages.ts';
import type { MeasureAnchor } from '../../lib/overlay/anchor.ts';

export interface OverlayView {
  view: PlanViewData;
  pagePlan: Plan;
  anchors: MeasureAnchor[];
}
