// Evidence on a progress entry: plain checks shared by the engine's zod schema
// and the extension's zod/mini message schema (no zod here, so the content
// script can import it without the full library).

/** Limits on the evidence fields (characters). */
export const SOURCE_LIMITS = { url: 2_000, title: 1_000, quote: 2_000, docNumber: 200, reporter: 200 } as const;

/** True when the text is an absolute http: or https: address (never javascript:, data:, file: …). */
export function isHttpUrl(text: string): boolean {
  if (!/^https?:\/\/[^\s/]/iu.test(text)) return false;
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}
