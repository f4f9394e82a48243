// Highlighting a measure's quotes in the page while its card is open.
import { useLayoutEffect } from 'preact/hooks';
import { adoptDocumentSheet } from '../utils/document-sheet.ts';

/** Page-level style for the highlight of a quote (highlights are styled in the document). */
const HIGHLIGHT_CSS = '::highlight(planmeter-quote) { background-color: #ffd33d; color: #000; }';

let highlightStyleInstalled = false;

/**
 * The highlight colour must be a document style (highlights style the page's
 * own text). Installed on first use, not with the overlay: adding a
 * document-wide sheet makes the next layout read restyle the whole page.
 */
function installHighlightStyle(): void {
  if (highlightStyleInstalled) return;
  highlightStyleInstalled = true;
  // Without constructable sheets the <mark> fallback carries its own default style.
  adoptDocumentSheet(HIGHLIGHT_CSS);
}

/** Scrolls so a quote sits near the top of the window, leaving the space below it for the card. */
function scrollNearTop(range: Range): void {
  const rect = range.getBoundingClientRect();
  window.scrollTo({ top: Math.max(0, rect.top + window.scrollY - 96), behavior: 'instant' as ScrollBehavior });
}

/**
 * Highlights ranges in the page: CSS Custom Highlight API, else a temporary <mark>.
 * A layout effect: the page is scrolled to the quotes before the card that
 * shows them is placed (hooks/card-place.ts) and painted.
 */
export function useHighlight(ranges: readonly Range[]) {
  useLayoutEffect(() => {
    const css = (globalThis as { CSS?: { highlights?: Map<string, unknown> } }).CSS;
    const HighlightCtor = (globalThis as { Highlight?: new (...r: Range[]) => unknown }).Highlight;
    if (ranges.length === 0) return;
    if (css?.highlights && HighlightCtor) {
      installHighlightStyle();
      css.highlights.set('planmeter-quote', new HighlightCtor(...ranges));
      scrollNearTop(ranges[0]!);
      return () => void css.highlights!.delete('planmeter-quote');
    }
    const marks: HTMLElement[] = [];
    for (const r of ranges) {
      try {
        const mark = document.createElement('mark');
        mark.setAttribute('data-planmeter', '');
        r.surroundContents(mark);
        marks.push(mark);
      } catch {
        // A range across element boundaries cannot be wrapped; skip it.
      }
    }
    if (ranges[0]) scrollNearTop(ranges[0]);
    return () => {
      for (const mark of marks) {
        const parent = mark.parentNode;
        if (!parent) continue;
        while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
        parent.removeChild(mark);
      }
    };
  }, [ranges]);
}
