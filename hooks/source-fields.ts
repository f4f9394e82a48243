// The entry form's five evidence fields, each taking only real user input.
import { useTrustedField, type TrustedField } from './trusted-field.ts';
import type { SourceDraft } from '../utils/entry-source.ts';

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
