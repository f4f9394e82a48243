// Evidence on an entry: the fields of the entry form (source URL, page title,
// quoted sentence, 文号, 填报人) and how an entry's evidence is shown. Page
// text is rendered as text; a link is only ever an http(s) address (the
// schema refuses anything else) and opens in a new tab without an opener.
import { Fragment } from 'preact';
import { useTrustedField, type TrustedField } from '../../hooks/trusted-field.ts';
import { t } from '../../utils/i18n.ts';
import { isHttpUrl, SOURCE_LIMITS } from '../../engine/progress/source.ts';
import type { Entry } from '../../lib/messages.ts';

export interface SourceDraft {
  url: string;
  title: string;
  quote: string;
  docNumber: string;
  reporter: string;
}

/** The entry fields a draft stands for (empty fields left out), or an error message in the UI's language. */
export function sourceFields(draft: SourceDraft): { ok: true; fields: Pick<Entry, 'source' | 'reporter'> } | { ok: false; message: string } {
  const url = draft.url.trim();
  if (url && !isHttpUrl(url)) return { ok: false, message: t('source.badUrl') };
  const source: NonNullable<Entry['source']> = {};
  if (url) source.url = url;
  if (draft.title.trim()) source.title = draft.title.trim().slice(0, SOURCE_LIMITS.title);
  if (draft.quote.trim()) source.quote = draft.quote.trim().slice(0, SOURCE_LIMITS.quote);
  if (draft.docNumber.trim()) source.docNumber = draft.docNumber.trim().slice(0, SOURCE_LIMITS.docNumber);
  const fields: Pick<Entry, 'source' | 'reporter'> = {};
  if (Object.keys(source).length) fields.source = source;
  if (draft.reporter.trim()) fields.reporter = draft.reporter.trim().slice(0, SOURCE_LIMITS.reporter);
  return { ok: true, fields };
}

/** The five evidence fields of an entry form, each taking only real user input (trusted-field.ts). */
export interface SourceFieldSet {
  fields: TrustedField<string>[];
  draft(): SourceDraft;
  /** Clears the quote after a save (the page and 填报人 usually stay the same). */
  clearQuote(): void;
}

export function useSourceFields(initial: Partial<SourceDraft> = {}): SourceFieldSet {
  const url = useTrustedField(initial.url ?? '');
  const title = useTrustedField(initial.title ?? '');
  const quote = useTrustedField(initial.quote ?? '');
  const docNumber = useTrustedField(initial.docNumber ?? '');
  const reporter = useTrustedField(initial.reporter ?? '');
  return {
    fields: [url, title, quote, docNumber, reporter],
    draft: () => ({ url: url.value, title: title.value, quote: quote.value, docNumber: docNumber.value, reporter: reporter.value }),
    clearQuote: () => quote.set(''),
  };
}

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

/** An entry's evidence, one line: 来源《title》“quote” 文号 · 填报人 X. */
export function SourceView(props: { entry: Entry }) {
  const { source, reporter } = props.entry;
  if (!source && !reporter) return null;
  return (
    <div class="pm-muted pm-source" data-pm-entry-source={props.entry.id}>
      {source && (
        <Fragment>
          {t('source.label')}:{' '}
          {source.url && isHttpUrl(source.url) ? (
            <a href={source.url} target="_blank" rel="noopener noreferrer" data-pm-source-link="">
              {source.title || source.url}
            </a>
          ) : (
            source.title && <span>{source.title}</span>
          )}
          {source.quote && <span> “{source.quote}”</span>}
          {source.docNumber && <span> {source.docNumber}</span>}
        </Fragment>
      )}
      {reporter && (
        <span>
          {source ? ' · ' : ''}
          {t('source.reporter')}: {reporter}
        </span>
      )}
    </div>
  );
}
