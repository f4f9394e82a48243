// The entry form's evidence inputs (source URL, page title, quoted sentence,
// 文号, 填报人); page text is rendered as text.
import { Fragment } from 'preact';
import type { TrustedField } from '../hooks/trusted-field.ts';
import type { SourceFieldSet } from '../hooks/source-fields.ts';
import { t } from '../utils/i18n.ts';
import { SOURCE_LIMITS } from '../engine/progress/source.ts';

/** The form's evidence inputs (inside a .pm-form grid: label, input pairs). */
export function SourceFields(props: { set: SourceFieldSet }) {
  const [url, title, quote, docNumber, reporter] = props.set.fields as [TrustedField<string>, TrustedField<string>, TrustedField<string>, TrustedField<string>, TrustedField<string>];
  return (
    <Fragment>
      <label>{t('source.url')}</label>
      <input aria-label={t('source.url')} type="text" inputMode="url" placeholder="https://" maxLength={SOURCE_LIMITS.url} {...url.bind} data-pm-source="url" />
      <label>{t('source.title')}</label>
      <input aria-label={t('source.title')} type="text" maxLength={SOURCE_LIMITS.title} {...title.bind} data-pm-source="title" />
      <label>{t('source.quote')}</label>
      <input aria-label={t('source.quote')} type="text" maxLength={SOURCE_LIMITS.quote} {...quote.bind} data-pm-source="quote" />
      <label>{t('source.docNumber')}</label>
      <input aria-label={t('source.docNumber')} type="text" maxLength={SOURCE_LIMITS.docNumber} {...docNumber.bind} data-pm-source="docNumber" />
      <label>{t('source.reporter')}</label>
      <input aria-label={t('source.reporter')} type="text" maxLength={SOURCE_LIMITS.reporter} {...reporter.bind} data-pm-source="reporter" />
    </Fragment>
  );
}
