/** The slice of fontkit 2.0.4 (pdfkit's font engine) that the report fonts use: glyph coverage. */
declare module 'fontkit' {
  export interface Font {
    readonly postscriptName: string;
    readonly ascent: number;
    readonly unitsPerEm: number;
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function create(buffer: Buffer): Font;
}
