// A measure's business-environment tags, each showing why it is there: the
// phrase of the measure that decided it and where it stands (title, text, a
// list). With onChange, each tag can be removed and another added; the change
// is a correction operation { op: 'add-tag' | 'remove-tag', measure, tag }.
import type { Plan } from '../engine/types.ts';
import { defaultLexicon } from '../engine/indicators/index.ts';
import { measureTagChips, type TagChip } from '../lib/indicators-glue.ts';
import { t, type MessageKey } from './i18n.ts';

export interface TagOp {
  op: 'add-tag' | 'remove-tag';
  measure: string;
  tag: string;
}

/** "用电"（标题）、"供电"（正文） — the evidence of a chip in words. */
export function whyText(chip: TagChip): string {
  if (chip.user) return t('ind.zone.user');
  return chip.evidence.map((e) => `“${e.phrase}”（${t(`ind.zone.${e.zone}` as MessageKey)}）`).join('、');
}

export function TagChips(props: { plan: Plan; measureId: string; detailed?: boolean; onChange?: (op: TagOp) => void }) {
  const chips = measureTagChips(props.plan, props.measureId);
  const lex = defaultLexicon();
  const missing = [...lex.national, ...lex.dimensions].filter((g) => !chips.some((c) => c.id === g.id));
  return (
    <span class="tag-chips" data-pm-tags={props.measureId}>
      {chips.map((c) => (
        <span key={c.id} class="chip" data-pm-tag={c.id} data-pm-tag-why={whyText(c)} title={`${t('ind.why')}: ${whyText(c)}`} style={{ background: c.user ? '#8250df' : c.kind === 'dimension' ? '#57606a' : '#656d76' }}>
          {c.name}
          {props.detailed && <span class="why"> · {whyText(c)}</span>}
          {props.onChange && (
            <button
              class="chip-x"
              aria-label={t('ind.removeTag', { name: c.name })}
              onClick={(e) => {
                e.stopPropagation();
                props.onChange!({ op: 'remove-tag', measure: props.measureId, tag: c.id });
              }}
            >
              ×
            </button>
          )}
        </span>
      ))}
      {props.onChange && (
        <select
          aria-label={t('ind.addTag')}
          value=""
          onClick={(e) => e.stopPropagation()}
          onChange={(e) => {
            const tag = (e.currentTarget as HTMLSelectElement).value;
            if (tag) props.onChange!({ op: 'add-tag', measure: props.measureId, tag });
          }}
        >
          <option value="">{t('ind.addTag')}</option>
          {missing.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </select>
      )}
    </span>
  );
}
