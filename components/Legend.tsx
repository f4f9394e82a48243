// What the overlay's and dashboard's marks mean: the status colours (each
// always beside its word), "—", and the red tick of the expected share.
import { t } from '../utils/i18n.ts';
import { statusColour, statusWord, OVERDUE_NOT_STARTED, STATUS_ORDER } from '../utils/status.ts';

export function Legend(props: { class?: string }) {
  const keys = [...STATUS_ORDER.slice(0, 1), OVERDUE_NOT_STARTED, ...STATUS_ORDER.slice(1)];
  return (
    <details class={props.class ?? 'pm-legend'} data-pm-legend="">
      <summary>{t('legend.title')}</summary>
      <div>{t('legend.colour')}</div>
      <ul style={{ listStyle: 'none', padding: 0, margin: '2px 0', display: 'flex', flexWrap: 'wrap', gap: '4px' }}>
        {keys.map((k) => (
          <li key={k}>
            <span style={{ background: statusColour(k), color: '#fff', borderRadius: '3px', padding: '0 5px' }}>{statusWord(k)}</span>
          </li>
        ))}
      </ul>
      <div>{t('legend.dash')}</div>
      <div>
        <span aria-hidden="true" style={{ display: 'inline-block', width: '2px', height: '10px', background: '#cf222e', marginRight: '4px' }} />
        {t('legend.tick')}
      </div>
    </details>
  );
}
