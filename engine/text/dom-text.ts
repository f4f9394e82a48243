// A page's visible text read from its DOM: the one code path behind both the
// CLI's .html reading (over linkedom) and the extension's page text (over the
// live document), so what the CLI reads is what the overlay shows.
//
// It sees nodes only through the small structural interface below, so the
// engine stays free of DOM types and browser globals.
//
// How the genre's pages are laid out, and so how they read:
// - Blocks (<p>, <div>, <li>, <br>, headings…) are lines.
// - Government CMS pages set the whole article inside layout <table>s (one
//   cell holding the paragraphs, beside a metadata table). A layout table's
//   cells read as blocks: the article keeps its lines.
// - A data table (short cells in a grid: a 任务分工 table, an indicator table)
//   reads one row to a line, cells joined by a tab, as Word exports tables.
//   Cells covered by a rowspan or colspan from elsewhere read as empty cells
//   (a tab that belongs to no node), so every row keeps its column positions
//   and a reader can carry a merged cell down.

/** The parts of a DOM node this reader uses (the live DOM and linkedom both have them). */
export interface DomNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly firstChild: DomNode | null;
  readonly nextSibling: DomNode | null;
  /** Text nodes. */
  readonly data?: string;
  /** Elements. */
  getAttribute?(name: string): string | null;
}

/** Elements whose text is not page prose. */
const SKIP = new Set([
  'SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'CANVAS', 'IFRAME', 'OBJECT', 'SELECT', 'TEXTAREA', 'INPUT', 'BUTTON',
  'PLANMETER-OVERLAY', 'HEAD', 'TITLE', 'MATH',
]);

/** Elements that start a new line of text. */
const BLOCK = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'BR', 'CAPTION', 'CENTER', 'DD', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE',
  'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'TABLE',
  'TBODY', 'THEAD', 'TFOOT', 'TR', 'UL', 'BODY', 'HTML', 'DETAILS', 'SUMMARY',
]);

const CELL = new Set(['TD', 'TH']);

/** A cell holding this much text, most of its table's, is an article set in a layout table. */
const LAYOUT_CELL_CHARS = 400;
const LAYOUT_CELL_SHARE = 0.6;

export interface DomText<N extends DomNode = DomNode> {
  text: string;
  /** Text nodes in document order. */
  nodes: N[];
  /** starts[i]: offset in `text` where nodes[i] begins. */
  starts: number[];
}

function tagOf(node: DomNode): string {
  return node.nodeName.toUpperCase();
}

function isHidden(el: DomNode, tag: string): boolean {
  // A saved page's <body style="visibility:hidden"> is unhidden by its scripts once loaded.
  if (!el.getAttribute || tag === 'BODY' || tag === 'HTML') return false;
  if (el.getAttribute('hidden') !== null || el.getAttribute('aria-hidden') === 'true') return true;
  const style = el.getAttribute('style');
  return !!style && /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)/iu.test(style);
}

function spanOf(el: DomNode, name: 'rowspan' | 'colspan'): number {
  const n = Number.parseInt(el.getAttribute?.(name) ?? '', 10);
  // Browsers clamp spans (rowspan ≤ 65534, colspan ≤ 1000); a page cannot make us emit millions of tabs.
  return Number.isFinite(n) && n > 1 ? Math.min(n, 100) : 1;
}

interface TableShape {
  layout: boolean;
}

/**
 * Reads a table's own rows (not nested tables') to tell a layout table from a
 * data table: a layout table has one column, holds another table in a cell, or
 * has one cell holding most of its text as paragraphs.
 */
export function classifyTable(table: DomNode): TableShape {
  let maxCells = 0;
  let nested = false;
  let total = 0;
  let biggest = 0;
  const cellLengths: number[] = [];
  const visitRow = (tr: DomNode) => {
    let cells = 0;
    for (let c = tr.firstChild; c; c = c.nextSibling) {
      if (c.nodeType !== 1 || !CELL.has(tagOf(c))) continue;
      cells += spanOf(c, 'colspan');
      const measured = measure(c);
      if (measured.table) nested = true;
      cellLengths.push(measured.chars);
      total += measured.chars;
      if (measured.chars > biggest) biggest = measured.chars;
    }
    if (cells > maxCells) maxCells = cells;
  };
  const visit = (node: DomNode) => {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType !== 1) continue;
      const tag = tagOf(c);
      if (tag === 'TR') visitRow(c);
      else if (tag === 'TBODY' || tag === 'THEAD' || tag === 'TFOOT') visit(c);
    }
  };
  visit(table);
  const layout = nested || maxCells <= 1 || (biggest >= LAYOUT_CELL_CHARS && biggest >= LAYOUT_CELL_SHARE * total);
  return { layout };
}

/** Visible characters under a cell (white space not counted) and whether it holds a table. Iterative. */
function measure(root: DomNode): { chars: number; table: boolean } {
  let chars = 0;
  let table = false;
  const stack: DomNode[] = [];
  for (let c = root.firstChild; c; c = c.nextSibling) stack.push(c);
  while (stack.length) {
    const node = stack.pop()!;
    if (node.nodeType === 3) {
      const data = node.data ?? '';
      for (let i = 0; i < data.length; i++) {
        const code = data.charCodeAt(i);
        if (code > 32 && code !== 0xa0 && code !== 0x3000) chars++;
      }
    } else if (node.nodeType === 1) {
      const tag = tagOf(node);
      if (SKIP.has(tag)) continue;
      if (tag === 'TABLE') table = true;
      for (let c = node.firstChild; c; c = c.nextSibling) stack.push(c);
    }
  }
  return { chars, table };
}

/** Per data table: columns still covered by a rowspan from a row above. */
interface GridState {
  /** covered[column] = rows still covered below the current one. */
  covered: number[];
  column: number;
}

interface Frame {
  node: DomNode;
  tag: string;
  pre: boolean;
  block: boolean;
  /** A data-table row: cells joined by tabs on one line. */
  row: boolean;
  /** A data-table cell. */
  cell: boolean;
  /** cellDepth to restore on leaving a table or row. */
  savedCellDepth: number;
  /** The data table this frame opened, if any. */
  grid: GridState | null;
  savedGrid: GridState | null;
  child: DomNode | null;
}

/**
 * Reads the visible text under root, in slices: the generator yields after
 * every `slice` nodes so a caller can pause between slices. Text node contents
 * keep their length (line breaks inside a node become spaces, as HTML shows
 * them), so offsets inside a node map one to one; '\n' and '\t' are added
 * between blocks and cells and belong to no node. Iterative: a deeply nested
 * page cannot overflow the stack.
 */
export function* readDomTextSlices<N extends DomNode = DomNode>(root: DomNode, slice = 2000): Generator<void, DomText<N>> {
  const parts: string[] = [];
  const nodes: N[] = [];
  const starts: number[] = [];
  let length = 0;
  let last = '\n';
  // Inside a data-table cell, block boundaries are spaces: a row stays one line.
  let cellDepth = 0;
  let grid: GridState | null = null;
  const push = (s: string) => {
    parts.push(s);
    length += s.length;
    last = s[s.length - 1] ?? last;
  };
  const breakLine = () => {
    if (cellDepth > 0) {
      if (last !== ' ' && last !== '\t' && last !== '\n') push(' ');
    } else if (last !== '\n') push('\n');
  };
  // The caller names its text-node type (Text in a browser); every node kept here is a text node of that tree.
  const text = (node: DomNode, pre: boolean) => {
    const data = node.data ?? '';
    if (!data) return;
    // Source-formatting white space between blocks adds nothing.
    if (!pre && (last === '\n' || last === '\t') && /^\s*$/u.test(data)) return;
    nodes.push(node as N);
    starts.push(length);
    push(pre ? data : data.replace(/[\n\r\t\f]/gu, ' '));
  };
  /** Tabs for columns a rowspan from above covers, at the grid's current column. */
  const skipCovered = (g: GridState) => {
    while ((g.covered[g.column] ?? 0) > 0) {
      push('\t');
      g.column++;
    }
  };
  const enter = (node: DomNode, pre: boolean): Frame | null => {
    const tag = tagOf(node);
    if (SKIP.has(tag) || isHidden(node, tag)) return null;
    const frame: Frame = {
      node, tag, pre: pre || tag === 'PRE', block: BLOCK.has(tag), row: false, cell: false,
      savedCellDepth: cellDepth, grid: null, savedGrid: grid, child: node.firstChild,
    };
    if (tag === 'TABLE') {
      breakLine();
      cellDepth = 0;
      grid = classifyTable(node).layout ? null : { covered: [], column: 0 };
      frame.grid = grid;
      frame.block = true;
      return frame;
    }
    if (tag === 'TR' && grid) {
      breakLine();
      cellDepth = 0;
      grid.column = 0;
      frame.row = true;
      return frame;
    }
    if (CELL.has(tag) && grid) {
      if (grid.column > 0) push('\t');
      skipCovered(grid);
      const rows = spanOf(node, 'rowspan');
      const columns = spanOf(node, 'colspan');
      for (let k = 0; k < columns; k++) {
        if (rows > 1) grid.covered[grid.column + k] = Math.max(grid.covered[grid.column + k] ?? 0, rows);
      }
      // The cell's own column counts now; the extra columns of a colspan come as empty cells after it.
      grid.column += 1;
      frame.grid = { covered: [], column: columns - 1 };
      frame.cell = true;
      cellDepth++;
      return frame;
    }
    if (CELL.has(tag) || tag === 'TR') {
      // A layout table's rows and cells are blocks.
      breakLine();
      frame.block = true;
      return frame;
    }
    if (frame.block) breakLine();
    return frame;
  };
  const leave = (f: Frame) => {
    if (f.cell && grid) {
      for (let k = 0; k < (f.grid?.column ?? 0); k++) {
        push('\t');
        grid.column++;
      }
      cellDepth = f.savedCellDepth;
      return;
    }
    if (f.row && grid) {
      // Rows covered by a rowspan count down once per row read.
      // Trailing covered columns need no tab: a reader pads a short row.
      grid.covered = grid.covered.map((rows) => Math.max(0, rows - 1));
      cellDepth = f.savedCellDepth;
      breakLine();
      return;
    }
    if (f.tag === 'TABLE') {
      grid = f.savedGrid;
      cellDepth = f.savedCellDepth;
      breakLine();
      return;
    }
    if (f.tag === 'BR') {
      if (cellDepth > 0) {
        if (last !== ' ') push(' ');
      } else push('\n');
    } else if (f.block) breakLine();
  };

  const stack: Frame[] = [];
  if (root.nodeType === 3) text(root, false);
  else if (root.nodeType === 1) {
    const f = enter(root, false);
    if (f) stack.push(f);
  }
  let visited = 0;
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    const node = top.child;
    if (!node) {
      stack.pop();
      leave(top);
      continue;
    }
    top.child = node.nextSibling;
    if (++visited % slice === 0) yield;
    if (node.nodeType === 3) text(node, top.pre);
    else if (node.nodeType === 1) {
      const f = enter(node, top.pre);
      if (f) stack.push(f);
    }
  }
  return { text: parts.join(''), nodes, starts };
}

/** Reads the visible text under root in one go (see readDomTextSlices). */
export function readDomText<N extends DomNode = DomNode>(root: DomNode): DomText<N> {
  const it = readDomTextSlices<N>(root, Number.MAX_SAFE_INTEGER);
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
  }
}
