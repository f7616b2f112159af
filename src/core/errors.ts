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
    super(`input '${input}': ${shortenQuoted(detail)}`);
  }
}

/** Longest quoted value an error repeats whole; a 1 MB input is shown by its two ends and its length. */
const MAX_QUOTED = 200;
const LONG_QUOTED = new RegExp(`'([^']{${MAX_QUOTED + 1},})'`, 'g');

function shortenQuoted(detail: string): string {
  return detail.replace(
    LONG_QUOTED,
    (_all, value: string) => `'${value.slice(0, 60)}…${value.slice(-20)}' (${value.length} characters)`,
  );
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
