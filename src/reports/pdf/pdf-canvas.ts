import PDFDocument from 'pdfkit';
import { type FontWeight, type ReportFonts, splitRuns } from './report-fonts.ts';

export interface TextStyle {
  readonly size?: number;
  readonly weight?: FontWeight;
  readonly color?: string;
  readonly width?: number;
  readonly align?: 'left' | 'right' | 'center';
  /** Clip after this height instead of flowing onto a new page. */
  readonly maxHeight?: number;
}

export const INK = '#1f2328';
export const MUTED = '#57606a';
export const RULE = '#d0d7de';
export const FILL = '#f3f4f6';

const MARGIN = { top: 62, bottom: 58, left: 50, right: 50 };
const LINE_GAP = 1.5;

/**
 * A flowing A4 document over pdfkit: a cursor (`y`), text drawn with per-character font
 * fallback, and explicit page breaks, so pdfkit never breaks a page on its own in the
 * middle of a table row. Pages are buffered so headers and footers ("page X of Y") are
 * written once the page count is known.
 */
export class PdfCanvas {
  readonly doc: PDFKit.PDFDocument;
  readonly #fonts: ReportFonts;
  y: number;

  constructor(fonts: ReportFonts, info: Record<string, string | Date>) {
    this.doc = new PDFDocument({ size: 'A4', margins: MARGIN, bufferPages: true, autoFirstPage: true, info, pdfVersion: '1.7', lang: 'en' });
    this.#fonts = fonts;
    for (const face of [...fonts.faces.regular, ...fonts.faces.bold]) this.doc.registerFont(face.name, face.data);
    this.y = MARGIN.top;
  }

  get left(): number {
    return MARGIN.left;
  }

  get width(): number {
    return this.doc.page.width - MARGIN.left - MARGIN.right;
  }

  get bottom(): number {
    return this.doc.page.height - MARGIN.bottom;
  }

  get pageHeight(): number {
    return this.doc.page.height - MARGIN.top - MARGIN.bottom;
  }

  addPage(): void {
    this.doc.addPage();
    this.y = MARGIN.top;
  }

  /** Starts a new page unless `height` more points fit on this one. */
  ensureSpace(height: number): void {
    if (this.y + height > this.bottom) this.addPage();
  }

  #select(face: string | null, style: TextStyle): void {
    this.doc.font(face ?? (style.weight === 'bold' ? 'Helvetica-Bold' : 'Helvetica')).fontSize(style.size ?? 9);
  }

  /** Height `text` takes at `style.width`. Mixed-script text is measured with its widest face. */
  measure(text: string, style: TextStyle = {}): number {
    const runs = splitRuns(text, this.#fonts.faces[style.weight ?? 'regular']);
    const widest = runs.length === 1 ? runs[0]!.face : runs.map((r) => r.face).find((f) => f !== null && !f.startsWith('latin')) ?? runs[0]!.face;
    this.#select(widest, style);
    return this.doc.heightOfString(text === '' ? ' ' : text, { width: style.width ?? this.width, lineGap: LINE_GAP });
  }

  /** Draws `text` at (x, y) without moving the cursor; returns the height used. */
  drawAt(text: string, x: number, y: number, style: TextStyle = {}): number {
    const faces = this.#fonts.faces[style.weight ?? 'regular'];
    const runs = splitRuns(text, faces);
    const size = style.size ?? 9;
    const options = {
      width: style.width ?? this.width,
      // One baseline for every face (the first face's), so CJK runs sit on the line of the Latin text beside them.
      ...(faces[0] ? { baseline: -(faces[0].ascender / 1000) * size } : {}),
      lineGap: LINE_GAP,
      align: style.align ?? 'left',
      ...(style.maxHeight !== undefined ? { height: style.maxHeight, ellipsis: true } : { height: this.doc.page.height - y }),
    };
    this.doc.fillColor(style.color ?? INK);
    runs.forEach((run, i) => {
      this.#select(run.face, style);
      const continued = i < runs.length - 1;
      if (i === 0) this.doc.text(run.text, x, y, { ...options, continued });
      else this.doc.text(run.text, { continued });
    });
    return this.doc.y - y;
  }

  /** Draws a paragraph at the cursor, breaking the page first when it does not fit. */
  paragraph(text: string, style: TextStyle = {}, spaceAfter = 4): void {
    const height = this.measure(text, style);
    this.ensureSpace(Math.min(height, this.pageHeight));
    this.drawAt(text, this.left, this.y, { ...style, maxHeight: this.bottom - this.y });
    this.y += height + spaceAfter;
  }

  heading(text: string, level: 1 | 2 | 3 = 1): void {
    const size = level === 1 ? 16 : level === 2 ? 12.5 : 10.5;
    this.ensureSpace(size * 4);
    this.y += level === 1 ? 4 : 6;
    this.paragraph(text, { size, weight: 'bold' }, level === 1 ? 6 : 3);
    if (level === 1) {
      this.doc.moveTo(this.left, this.y - 3).lineTo(this.left + this.width, this.y - 3).lineWidth(0.7).strokeColor(RULE).stroke();
      this.y += 4;
    }
  }

  /** Header and footer on every buffered page; call once, after the last page. */
  stampPages(header: string, footer: (page: number, total: number) => string): void {
    const { start, count } = this.doc.bufferedPageRange();
    for (let i = start; i < start + count; i++) {
      this.doc.switchToPage(i);
      // Writing inside the margins would make pdfkit open a new page: lift them while stamping.
      const margins = { ...this.doc.page.margins };
      this.doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
      this.drawAt(header, MARGIN.left, 28, { size: 7.5, color: MUTED, width: this.width });
      this.doc.moveTo(MARGIN.left, 42).lineTo(MARGIN.left + this.width, 42).lineWidth(0.5).strokeColor(RULE).stroke();
      this.drawAt(footer(i - start + 1, count), MARGIN.left, this.doc.page.height - 40, { size: 7.5, color: MUTED, width: this.width, align: 'center' });
      this.doc.page.margins = margins;
    }
  }
}
