// One filter of the dashboard's measure table: "<label>: 全部" first, then its options.
import { t } from '../utils/i18n.ts';

export interface FilterSelectProps {
  label: string;
  value: string;
  /** [value, shown text] pairs, in the order shown. */
  options: readonly (readonly [string, string])[];
  onChange: (value: string) => void;
}

export function FilterSelect({ label, value, options, onChange }: FilterSelectProps) {
  return (
    <select aria-label={label} value={value} onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value)}>
      <option value="">
        {label}: {t('dash.all')}
      </option>
      {/* Keyed by place: two sections may share a title. */}
      {options.map(([v, text], i) => (
        <option key={i} value={v}>
          {text}
        </option>
      ))}
    </select>
  );
}
