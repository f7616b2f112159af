/** An error the user can act on: it names what was wrong and what was expected. */
export class CdpackError extends Error {
  override name = 'CdpackError';
}

/** A bad value for a named input. The message always starts with the input's name. */
export class InputError extends CdpackError {
  override name = 'InputError';
  constructor(
    readonly input: string,
    detail: string,
  ) {
    super(`input '${input}': ${detail}`);
  }
}

/** A problem located in a file of the user's repository. */
export class FileError extends CdpackError {
  override name = 'FileError';
  constructor(
    readonly file: string,
    readonly line: number | undefined,
    detail: string,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${detail}`);
  }
}
