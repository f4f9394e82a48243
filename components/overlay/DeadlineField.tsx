// The card's deadline field: a measure's deadline set or corrected by the user
// (it counts for reminders: the toolbar badge, the dashboard's 到期/逾期 view).
// The date only takes real user input and saves only on a trusted click.
import { useState } from 'preact/hooks';
import { t } from '../../utils/i18n.ts';
import { useTrustedField } from '../../hooks/trusted-field.ts';

export function DeadlineField(props: { measureId: string; current?: string; onSet(measureId: string, date: string | null): Promise<void> }) {
  const date = useTrustedField(props.current ?? '');
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const save = async (ev: Event, clear: boolean) => {
    ev.preventDefault();
    if (!ev.isTrusted || ev.type !== 'click') return; // a page script's click sets nothing
    if (!date.intact()) {
      date.restore();
      setMessage({ ok: false, text: t('card.tampered') });
      return;
    }
    const value = clear ? null : date.value;
    if (value !== null && !/^\d{4}-\d{2}-\d{2}$/u.test(value)) {
      setMessage({ ok: false, text: t('card.date') + '?' });
      return;
    }
    try {
      await props.onSet(props.measureId, value);
      if (clear) date.set('');
      setMessage({ ok: true, text: value ? t('card.deadlineSet', { date: value }) : t('card.saved') });
    } catch (e) {
      setMessage({ ok: false, text: t('error.generic', { message: String((e as Error).message ?? e) }) });
    }
  };
  return (
    <form class="pm-form" onSubmit={(ev) => ev.preventDefault()} data-pm-deadline-form={props.measureId}>
      <label>{t('card.deadline')}</label>
      <input type="text" inputMode="numeric" placeholder="YYYY-MM-DD" maxLength={10} {...date.bind} data-pm-deadline="" />
      <span />
      <span>
        <button type="button" class="pm-save" data-pm-deadline-save="" onClick={(ev) => void save(ev, false)}>
          {t('card.setDeadline')}
        </button>{' '}
        <button type="button" class="pm-link" data-pm-deadline-clear="" onClick={(ev) => void save(ev, true)}>
          {t('card.clearDeadline')}
        </button>
      </span>
      {message && <div class={message.ok ? 'pm-ok' : 'pm-error'} style={{ gridColumn: '1 / 3' }}>{message.text}</div>}
    </form>
  );
}
