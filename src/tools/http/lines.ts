/**
 * Text lines out of a byte stream as they arrive (a Kubernetes watch, newline-delimited JSON, a
 * tool's output): lines may span chunks and multi-byte characters may be split between chunks;
 * `\n` and `\r\n` end a line; a last line without a newline still counts.
 */
import { StringDecoder } from 'node:string_decoder';

export interface LinesOptions {
  /** Longest line accepted, in characters (default 16 MiB); a longer one is an error, not unbounded memory. */
  maxLineLength?: number;
}

export class LineTooLongError extends Error {
  override name = 'LineTooLongError';
}

/** Push chunks in, get the lines they complete; `end()` gives the unterminated rest. */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private readonly max: number;
  // Pieces of the current line, joined once its end is seen (no quadratic concatenation for long lines).
  private pieces: string[] = [];
  private pending = 0;

  constructor(options: LinesOptions = {}) {
    this.max = options.maxLineLength ?? 16 * 1024 * 1024;
  }

  push(chunk: Buffer | string): string[] {
    const text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    const out: string[] = [];
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      this.check(nl - start);
      out.push(this.take(text.slice(start, nl)));
      start = nl + 1;
    }
    this.keep(text.slice(start));
    return out;
  }

  end(): string[] {
    this.keep(this.decoder.end());
    return this.pieces.length ? [this.take('')] : [];
  }

  private check(more: number): void {
    if (this.pending + more > this.max) throw new LineTooLongError(`a line is longer than ${this.max} characters`);
  }

  private take(tail: string): string {
    const line = this.pieces.length ? this.pieces.join('') + tail : tail;
    this.pieces = [];
    this.pending = 0;
    return line.endsWith('\r') ? line.slice(0, -1) : line;
  }

  private keep(text: string): void {
    if (!text) return;
    this.check(text.length);
    this.pending += text.length;
    this.pieces.push(text);
  }
}

export async function* lines(
  stream: AsyncIterable<Buffer | string>,
  options: LinesOptions = {},
): AsyncGenerator<string, void, undefined> {
  const splitter = new LineSplitter(options);
  for await (const chunk of stream) yield* splitter.push(chunk);
  yield* splitter.end();
}
