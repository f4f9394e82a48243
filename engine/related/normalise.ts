// Text as the related-measure index and the indicator tagger compare it:
// simplified script, CJK characters only, in runs. Digits, Latin letters,
// pinyin annotations (環(huán)境), punctuation and notes of responsibility are
// dropped: two plans say the same thing with different numbers and
// different punctuation, and the numbers are what changes year to year.

/** A note naming the responsible units: （责任单位：…）, (牵头单位:…). */
const UNIT_NOTE = /[(（][^()（）]{0,6}(?:单位|單位)[:：][^()（）]*[)）]/gu;

/** A pinyin reading pasted after a character: 環(huán)境 → 環境 (lower-case letters, tone marks). */
const PINYIN_NOTE = /(?<=[\u3400-\u9fff])[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,8}[)）]/gu;

function isCjk(code: number): boolean {
  return (code >= 0x4e00 && code <= 0x9fff) || (code >= 0x3400 && code <= 0x4dbf);
}

/** `text` in NFKC, without pinyin readings or notes of responsibility, simplified when a converter is given (punctuation kept). */
export function cleanText(text: string, simplify?: (s: string) => string): string {
  const t = text.normalize('NFKC').replace(PINYIN_NOTE, '').replace(UNIT_NOTE, '，');
  return simplify ? simplify(t) : t;
}

/**
 * Runs of CJK characters of `text` after simplification (when a converter is
 * given). Everything else separates runs, so n-grams never span a comma.
 */
export function matchingRuns(text: string, simplify?: (s: string) => string): string[] {
  const t = cleanText(text, simplify);
  const runs: string[] = [];
  let start = -1;
  for (let i = 0; i <= t.length; i++) {
    const cjk = i < t.length && isCjk(t.charCodeAt(i));
    if (cjk && start < 0) start = i;
    else if (!cjk && start >= 0) {
      runs.push(t.slice(start, i));
      start = -1;
    }
  }
  return runs;
}

/** One string of the CJK runs joined by a space (for phrase matching). */
export function matchingText(text: string, simplify?: (s: string) => string): string {
  return matchingRuns(text, simplify).join(' ');
}
