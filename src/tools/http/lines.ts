/**
 * Reads a byte stream as text lines as they arrive (a Kubernetes watch, newline-delimited JSON):
 * lines may span chunks and multi-byte characters may be split between chunks; `\n` and `\r\n` end
 * a line; a last line without a newline is still yielded.
 */
import { StringDecoder } from 'node:string_decoder';

export interface LinesOptions {
  /** Longest line accepted, in characters (default 16 MiB); a longer one is an error, not unbounded memory. */
  maxLineLength?: number;
}

export class LineTooLongError extends Error {
  override name = 'LineTooLongError';
}

export async function* lines(
  stream: AsyncIterable<Buffer | string>,
  options: LinesOptions = {},
): AsyncGenerator<string, void, undefined> {
  const max = options.maxLineLength ?? 16 * 1024 * 1024;
  const decoder = new StringDecoder('utf8');
  // Pieces of the current line, joined once its end is seen (no quadratic concatenation for long lines).
  let pieces: string[] = [];
  let pending = 0;
  const take = (tail: string): string => {
    const line = pieces.length ? pieces.join('') + tail : tail;
    pieces = [];
    pending = 0;
    return line.endsWith('\r') ? line.slice(0, -1) : line;
  };
  const keep = (text: string) => {
    if (!text) return;
    pending += text.length;
    if (pending > max) throw new LineTooLongError(`a line is longer than ${max} characters`);
    pieces.push(text);
  };
  for await (const chunk of stream) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      if (pending + nl - start > max) throw new LineTooLongError(`a line is longer than ${max} characters`);
      yield take(text.slice(start, nl));
      start = nl + 1;
    }
    keep(text.slice(start));
  }
  keep(decoder.end());
  if (pieces.length) yield take('');
}
