import { DIAGNOSES, type DiagnosisName } from './email-diagnoses.ts';

/**
 * A cursor over an address's code points that also keeps the diagnoses raised while reading
 * it, in order, and the most severe so far.
 */
export class RuneCursor {
  readonly #runes: string[];
  #at = 0;
  readonly found: DiagnosisName[] = [];
  #worst = 0;

  constructor(text: string) {
    this.#runes = Array.from(text);
  }

  /** The numeric severity of the worst diagnosis so far. */
  get worst(): number {
    return this.#worst;
  }

  note(name: DiagnosisName): void {
    this.found.push(name);
    this.#worst = Math.max(this.#worst, DIAGNOSES[name]);
  }

  peek(): string | undefined {
    return this.#runes[this.#at];
  }

  next(): string | undefined {
    return this.#runes[this.#at++];
  }

  skip(): void {
    this.#at++;
  }

  /** After a CR: a CRLF pair is folding white space; a bare CR is an error. */
  takeLineFeed(): void {
    if (this.peek() === '\n') this.#at++;
    else this.note('errCRNoLF');
  }
}

/** C0 controls and space: is_email counts %d0-32 as one class. */
export const isC0 = (code: number): boolean => code <= 32;
/** DEL and the C1 controls. */
export const isC1 = (code: number): boolean => code >= 127 && code <= 159;

/** Half of a UTF-16 surrogate pair without the other half: not a character at all. */
export function isLoneSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdfff;
}

