// A style sheet for the page's own document (the overlay's styles live in its
// shadow root; a gutter or a highlight colour must style the page itself).

/** Adds `css` to the document as a constructed sheet; false where the browser cannot (the caller falls back). */
export function adoptDocumentSheet(css: string): boolean {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return true;
  } catch {
    return false;
  }
}
