// Evidence on an entry: the fields of the entry form (source URL, page title,
// quoted sentence, 文号, 填报人) and how an entry's evidence is shown. Page
// text is rendered as text; a link is only ever an http(s) address (the
// schema refuses anything else) and opens in a new tab without an opener.
import { Fragment } from 'preact';
import { t } from '../../components/i18n.ts';
import { isHttpUrl, SOURCE_LIMITS } from '../../engine/progress/source.ts';
import type { Entry } from '../messages.ts';

export interface SourceDraft {
  url: string;
  title: string;
  quote: string;
  docNumber: string;
  reporter: string;
}

export const EMPTY_SOURCE: SourceDraft = { url: '', title: '', quote: '', docNumber: '', reporter: '' };

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

/** The form's evidence inputs (inside a .pm-form grid: label, input pairs). */
export function SourceFields(props: { draft: SourceDraft; onChange(d: SourceDraft): void }) {
  const { draft } = props;
  const field = (key: keyof SourceDraft, max: number, attrs: Record<string, string> = {}) => (
    <input
      type="text"
      value={draft[key]}
      maxLength={max}
      data-pm-source={key}
      {...attrs}
      onInput={(e) => props.onChange({ ...draft, [key]: (e.currentTarget as HTMLInputElement).value })}
    />
  );
  return (
    <Fragment>
      <label>{t('source.url')}</label>
      {field('url', SOURCE_LIMITS.url, { inputMode: 'url', placeholder: 'https://' })}
      <label>{t('source.title')}</label>
      {field('title', SOURCE_LIMITS.title)}
      <label>{t('source.quote')}</label>
      {field('quote', SOURCE_LIMITS.quote)}
      <label>{t('source.docNumber')}</label>
      {field('docNumber', SOURCE_LIMITS.docNumber)}
      <label>{t('source.reporter')}</label>
      {field('reporter', SOURCE_LIMITS.reporter)}
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
