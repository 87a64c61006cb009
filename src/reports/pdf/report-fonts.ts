import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { create as openFont, type Font } from 'fontkit';

/**
 * The fonts embedded in report PDFs (SIL OFL 1.1, from npm so a plain `npm ci` brings them):
 * Noto Sans for Latin, Greek and Cyrillic; Noto Sans CJK SC ("Hans", every CJK unified
 * ideograph and kana) for Chinese and Japanese; Noto Sans CJK KR for Hangul. Tried in this
 * order per character; pdfkit embeds only the glyphs used (subsetting).
 */
const FACES = [
  { family: 'latin', pkg: '@embedpdf/fonts-latin', regular: 'NotoSans-Regular.ttf', bold: 'NotoSans-Bold.ttf' },
  { family: 'cjk', pkg: '@embedpdf/fonts-sc', regular: 'NotoSansHans-Regular.otf', bold: 'NotoSansHans-Bold.otf' },
  { family: 'hangul', pkg: '@embedpdf/fonts-kr', regular: 'NotoSansKR-Regular.otf', bold: 'NotoSansKR-Bold.otf' },
] as const;

export type FontWeight = 'regular' | 'bold';

export interface ReportFace {
  /** The name it is registered under in a document, e.g. `latin-bold`. */
  readonly name: string;
  readonly data: Buffer;
  /** Ascent in thousandths of the font size (pdfkit's unit). */
  readonly ascender: number;
  covers(codePoint: number): boolean;
}

export interface ReportFonts {
  /** Per weight, in fallback order. Empty when no font package could be read. */
  readonly faces: Readonly<Record<FontWeight, readonly ReportFace[]>>;
  /** Font packages that could not be read (the PDF then falls back to what is there). */
  readonly missing: readonly string[];
}

function face(name: string, data: Buffer): ReportFace {
  const font: Font = openFont(data);
  const cache = new Map<number, boolean>();
  return {
    name,
    data,
    ascender: (font.ascent / font.unitsPerEm) * 1000,
    covers(codePoint) {
      let hit = cache.get(codePoint);
      if (hit === undefined) cache.set(codePoint, (hit = font.hasGlyphForCodePoint(codePoint)));
      return hit;
    },
  };
}

async function readFaces(): Promise<ReportFonts> {
  const require = createRequire(import.meta.url);
  const faces: Record<FontWeight, ReportFace[]> = { regular: [], bold: [] };
  const missing: string[] = [];
  for (const spec of FACES) {
    try {
      // The packages export only a file list, so the font directory is found beside their entry point.
      const dir = path.resolve(path.dirname(require.resolve(spec.pkg)), '..', 'fonts');
      const [regular, bold] = await Promise.all([fs.readFile(path.join(dir, spec.regular)), fs.readFile(path.join(dir, spec.bold))]);
      faces.regular.push(face(`${spec.family}-regular`, regular));
      faces.bold.push(face(`${spec.family}-bold`, bold));
    } catch {
      missing.push(spec.pkg);
    }
  }
  return { faces, missing };
}

let loading: Promise<ReportFonts> | null = null;

/** Reads the font files once per process (about 15 MB), on first use. */
export function loadReportFonts(): Promise<ReportFonts> {
  loading ??= readFaces();
  return loading;
}

/** A stretch of text drawn with one face; `face` null means pdfkit's built-in Helvetica. */
export interface TextRun {
  readonly text: string;
  readonly face: string | null;
}

const NEUTRAL = /[\s\p{P}\p{N}]/u;

/**
 * Splits text into runs, each drawn with the first face that has a glyph for it. Spaces,
 * digits and punctuation stay in the current run when its face has them, so a name in one
 * script is one run.
 */
export function splitRuns(text: string, faces: readonly ReportFace[]): TextRun[] {
  if (faces.length === 0) return [{ text, face: null }];
  const runs: { text: string; face: string }[] = [];
  for (const char of text) {
    const cp = char.codePointAt(0)!;
    const current = runs[runs.length - 1];
    const currentFace = current ? faces.find((f) => f.name === current.face) : undefined;
    let chosen: string;
    if (currentFace && NEUTRAL.test(char) && currentFace.covers(cp)) chosen = currentFace.name;
    else chosen = (faces.find((f) => f.covers(cp)) ?? faces[0]!).name;
    if (current && current.face === chosen) current.text += char;
    else runs.push({ text: char, face: chosen });
  }
  return runs.length > 0 ? runs : [{ text: '', face: faces[0]!.name }];
}
