// A measure's business-environment tags in the dashboard, each showing why it
// is there: the phrase of the measure that decided it and where it stands
// (title, text, a list) — on hover, or written out with `detailed`. Tags are
// added and removed in the page's card (components/CardTags.tsx), where the
// page's corrections are stored.
import type { Plan } from '../engine/types.ts';
import { measureTagChips, type TagChip } from '../lib/indicators-glue.ts';
import { t, type MessageKey } from '../utils/i18n.ts';

/** “用电”（标题）、“供电”（正文） — the evidence of a chip in words. */
export function whyText(chip: TagChip): string {
  if (chip.user) return t('ind.zone.user');
  return chip.evidence.map((e) => `“${e.phrase}”（${t(`ind.zone.${e.zone}` as MessageKey)}）`).join('、');
}

export function TagChips(props: { plan: Plan; measureId: string; detailed?: boolean }) {
  const chips = measureTagChips(props.plan, props.measureId);
  return (
    <span class="tag-chips" data-pm-tags={props.measureId}>
      {chips.map((c) => (
        <span key={c.id} class="chip" data-pm-tag={c.id} data-pm-tag-why={whyText(c)} title={`${t('ind.why')}: ${whyText(c)}`} style={{ background: c.user ? '#8250df' : c.kind === 'dimension' ? '#57606a' : '#656d76' }}>
          {c.name}
          {props.detailed && <span class="why"> · {whyText(c)}</span>}
        </span>
      ))}
    </span>
  );
}
