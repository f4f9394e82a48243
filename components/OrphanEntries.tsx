// Entries of a plan whose measure is not in the plan any more: shown, never
// dropped, and movable to one of the plan's measures (engine/progress/orphans.ts).
import type { Plan } from '../engine/types.ts';
import type { EntryRecord } from '../lib/db.ts';
import { orphanEntries } from '../engine/progress/orphans.ts';
import { t } from '../utils/i18n.ts';
import { OrphanRow } from './OrphanRow.tsx';

export function OrphanEntries(props: { plan: Plan; entries: EntryRecord[]; onError(e: unknown): void }) {
  const orphans = orphanEntries(props.plan, props.entries);
  if (orphans.length === 0) return null;
  return (
    <section data-pm-orphans={props.plan.id}>
      <h3>{t('dash.orphans', { n: orphans.length })}</h3>
      <p class="muted">{t('dash.orphansHelp')}</p>
      <ul>
        {orphans.map(({ entry }) => (
          <OrphanRow key={entry.id} plan={props.plan} entry={entry} onError={props.onError} />
        ))}
      </ul>
    </section>
  );
}
