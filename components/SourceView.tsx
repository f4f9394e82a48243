// How an entry's evidence is shown. Page text is rendered as text; a link is
// only ever an http(s) address (the schema refuses anything else) and opens in
// a new tab without an opener.
import { Fragment } from 'preact';
import { t } from '../utils/i18n.ts';
import { isHttpUrl } from '../engine/progress/source.ts';
import type { Entry } from '../lib/messages.ts';

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
