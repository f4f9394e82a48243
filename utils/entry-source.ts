// Evidence on an entry (source URL, page title, quoted sentence, 文号, 填报人):
// the form's draft read into entry fields. A link is only ever an http(s) address.
import { t } from './i18n.ts';
import { isHttpUrl, SOURCE_LIMITS } from '../engine/progress/source.ts';
import type { Entry } from '../lib/messages.ts';

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
