// The dashboard's JSON snapshot export: the background writes it, the page downloads it.
import { bg, download } from './ext.ts';

/** Exports every plan and entry as a JSON snapshot file; failures go to onError. */
export async function exportJson(onError: (e: unknown) => void) {
  try {
    const { json, filename } = await bg('snapshot.export', {});
    download(filename, json);
  } catch (e) {
    onError(e);
  }
}
