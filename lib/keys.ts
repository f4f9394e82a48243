// Keys shared by the content script and the background, with no dependencies
// (the content script must not pull in zod or Dexie through them).
import { hash53, idText } from '../engine/ids.ts';

/** A key per measure text, independent of numbering, white space and full-width forms. */
export function measureKey(text: string): string {
  return hash53(idText(text)).toString(36);
}
