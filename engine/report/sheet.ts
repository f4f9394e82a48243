// Reading a 台账 back: the sheets of an .xlsx (exceljs) or one CSV, as rows
// of cells (text, number or date). CSV is read by a small RFC 4180 reader,
// the inverse of engine/snapshot/csv.ts (BOM, CRLF or LF, quoted cells, the
// apostrophe that escapes a formula-like cell is taken off again): the
// maintained CSV libraries at hand are Node-stream based and this must also
// run in the dashboard.
import ExcelJS from 'exceljs';

export type SheetCell = string | number | Date | null;

export interface SheetRows {
  name: string;
  rows: SheetCell[][];
}

export class SheetError extends Error {}

const FORMULA_ESCAPED = /^'[=+\-@\t\r]/u;

/** Rows of a CSV text. */
export function readCsv(text: string): SheetRows {
  const rows: SheetCell[][] = [];
  let row: SheetCell[] = [];
  let cell = '';
  let quoted = false;
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const endCell = () => {
    const value = FORMULA_ESCAPED.test(cell) ? cell.slice(1) : cell;
    row.push(value === '' ? null : value);
    cell = '';
  };
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += c;
    } else if (c === '"' && cell === '') {
      quoted = true;
    } else if (c === ',') endCell();
    else if (c === '\r' || c === '\n') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      endCell();
      rows.push(row);
      row = [];
    } else cell += c;
  }
  if (quoted) throw new SheetError('unterminated quoted cell at the end of the file');
  if (cell !== '' || row.length) {
    endCell();
    rows.push(row);
  }
  return { name: 'CSV', rows };
}

function cellValue(value: ExcelJS.CellValue): SheetCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text; // hyperlink
    if ('result' in value) return cellValue(value.result as ExcelJS.CellValue); // formula: its cached result, never evaluated
    if ('error' in value) return null;
  }
  return String(value);
}

/** Every worksheet of an .xlsx, in order. */
export async function readXlsx(bytes: Uint8Array | ArrayBuffer): Promise<SheetRows[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    // No typed way: exceljs's own types ask for a Node Buffer (not in the browser), though it reads any ArrayBuffer view.
    await workbook.xlsx.load((bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)) as never);
  } catch (error) {
    throw new SheetError(`not an .xlsx workbook (${error instanceof Error ? error.message : String(error)})`);
  }
  return workbook.worksheets.map((sheet) => {
    const rows: SheetCell[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row, n) => {
      const cells: SheetCell[] = [];
      const values = row.values as ExcelJS.CellValue[];
      for (let c = 1; c < values.length; c++) cells.push(cellValue(values[c]));
      rows[n - 1] = cells;
    });
    for (let i = 0; i < rows.length; i++) rows[i] ??= [];
    return { name: sheet.name, rows };
  });
}

/** A file's sheets by its name: .xlsx or .csv. */
export async function readSheetFile(name: string, bytes: Uint8Array): Promise<SheetRows[]> {
  const lower = name.toLowerCase();
  if (lower.endsWith('.xlsx')) return readXlsx(bytes);
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return [readCsv(new TextDecoder('utf-8').decode(bytes))];
  throw new SheetError(`${name}: expected an .xlsx or .csv file`);
}
