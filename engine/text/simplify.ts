// Traditional → simplified script, for matching only.
//
// The conversion tables (OpenCC, via opencc-js) weigh ~40 kB; the content
// script must stay small, so they load through a dynamic import and only when
// a page is actually in traditional script. `needsSimplification` is the cheap
// test that decides, and uses no dictionary.

/**
 * Frequent characters of government prose that exist only in traditional
 * script (their simplified forms differ). Not a conversion table: a detector.
 */
const TRADITIONAL_ONLY_CHARS =
  '為們這個來時國會與對後過動發經關現點處實從應區進種無開長電將問體學間當頭機義業東結書車數產際變聯還報價華辦務據條運師線級團園議質導參縣專設權論單響協類識習連農樣續試驗確規認總構傳備環營貿審許標準醫療術資險證監銷項歸職責負門創領強幣歲億萬';
/** Lookup table by char code: 1 for a traditional-only character (one load per character, no range test). */
const TRADITIONAL_ONLY = new Uint8Array(65536);
for (const ch of TRADITIONAL_ONLY_CHARS) TRADITIONAL_ONLY[ch.charCodeAt(0)] = 1;

/** How many traditional-only characters make a page "traditional". */
const TRADITIONAL_THRESHOLD = 3;

/** True when the text holds enough traditional-only characters to need conversion. */
export function needsSimplification(text: string): boolean {
  let hits = 0;
  for (let i = 0; i < text.length; i++) {
    if (TRADITIONAL_ONLY[text.charCodeAt(i)] === 1 && ++hits >= TRADITIONAL_THRESHOLD) return true;
  }
  return false;
}

let cached: Promise<(s: string) => string> | null = null;

/**
 * Loads OpenCC's traditional → mainland-simplified converter: Hong Kong and
 * Taiwan variant tables first, then the traditional→simplified phrases and
 * characters. Only those dictionaries are imported, never the full bundle.
 */
export function loadSimplifier(): Promise<(s: string) => string> {
  cached ??= (async () => {
    const [core, fromHk, fromTw, toCn] = await Promise.all([
      import('opencc-js/core'),
      import('opencc-js/from/hk'),
      import('opencc-js/from/tw'),
      import('opencc-js/to/cn'),
    ]);
    const convert = core.ConverterFactory(fromHk.default, fromTw.default, toCn.default);
    return (s: string) => convert(s);
  })();
  return cached;
}
