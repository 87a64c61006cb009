import { FILL, INK, MUTED, type PdfCanvas, RULE } from './pdf-canvas.ts';

export interface TableColumn {
  readonly header: string;
  /** Share of the content width; the shares of a table add up to 1. */
  readonly share: number;
  readonly align?: 'left' | 'right';
}

/** A full-width row inside a table (an entry's title), or a row of cells. */
export type TableRow = readonly string[] | { readonly group: string };

const PAD = 3;
const SIZE = 8;

function cellWidths(canvas: PdfCanvas, columns: readonly TableColumn[]): number[] {
  return columns.map((c) => c.share * canvas.width);
}

function drawHeader(canvas: PdfCanvas, columns: readonly TableColumn[], widths: readonly number[]): void {
  const height = Math.max(...columns.map((c, i) => canvas.measure(c.header, { size: SIZE, weight: 'bold', width: widths[i]! - 2 * PAD }))) + 2 * PAD;
  canvas.doc.rect(canvas.left, canvas.y, canvas.width, height).fill(FILL);
  let x = canvas.left;
  columns.forEach((c, i) => {
    canvas.drawAt(c.header, x + PAD, canvas.y + PAD, { size: SIZE, weight: 'bold', width: widths[i]! - 2 * PAD, color: INK, align: c.align ?? 'left' });
    x += widths[i]!;
  });
  canvas.y += height;
}

function rule(canvas: PdfCanvas): void {
  canvas.doc.moveTo(canvas.left, canvas.y).lineTo(canvas.left + canvas.width, canvas.y).lineWidth(0.4).strokeColor(RULE).stroke();
}

/**
 * Draws a table at the cursor. A row that does not fit goes to the next page, under a
 * repeated header; a row taller than a whole page is clipped (the caller keeps cell texts
 * short enough that this does not happen in practice, and says so when it shortens them).
 */
export function drawTable(canvas: PdfCanvas, columns: readonly TableColumn[], rows: readonly TableRow[]): void {
  const widths = cellWidths(canvas, columns);
  canvas.ensureSpace(48);
  drawHeader(canvas, columns, widths);
  for (const row of rows) {
    const isGroup = !Array.isArray(row);
    const cells: readonly string[] = isGroup ? [(row as { group: string }).group] : (row as readonly string[]);
    const cellWidth = (i: number): number => (isGroup ? canvas.width : widths[i]!) - 2 * PAD;
    const style = isGroup ? ({ size: SIZE, weight: 'bold' } as const) : ({ size: SIZE } as const);
    const needed = Math.max(...cells.map((text, i) => canvas.measure(text, { ...style, width: cellWidth(i) }))) + 2 * PAD;
    const height = Math.min(needed, canvas.pageHeight - 40);
    if (canvas.y + height > canvas.bottom) {
      canvas.addPage();
      drawHeader(canvas, columns, widths);
    }
    if (isGroup) canvas.doc.rect(canvas.left, canvas.y, canvas.width, height).fill('#eef2f7');
    let x = canvas.left;
    cells.forEach((text, i) => {
      const align = isGroup ? 'left' : (columns[i]?.align ?? 'left');
      canvas.drawAt(text, x + PAD, canvas.y + PAD, { ...style, width: cellWidth(i), color: isGroup ? INK : i === 0 ? MUTED : INK, align, maxHeight: height - PAD });
      x += isGroup ? 0 : widths[i]!;
    });
    canvas.y += height;
    rule(canvas);
  }
  canvas.y += 8;
}

/** A two-column field/value table. */
export function drawKeyValues(canvas: PdfCanvas, rows: readonly (readonly [string, string])[], shares: readonly [number, number] = [0.3, 0.7]): void {
  drawTable(
    canvas,
    [
      { header: 'Field', share: shares[0] },
      { header: 'Value', share: shares[1] },
    ],
    rows,
  );
}
