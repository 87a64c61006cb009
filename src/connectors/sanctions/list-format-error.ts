/**
 * A list file that is not what its publisher's format promises: not well-formed, truncated,
 * missing its publication date, or empty. The sync refuses it and keeps the stored version.
 */
export class ListFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ListFormatError';
  }
}
