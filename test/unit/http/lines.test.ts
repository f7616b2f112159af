import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { test } from 'node:test';
import { LineTooLongError, lines } from '../../../src/tools/http/lines';

async function collect(chunks: Array<Buffer | string>, maxLineLength?: number): Promise<string[]> {
  const out: string[] = [];
  for await (const line of lines(Readable.from(chunks), maxLineLength ? { maxLineLength } : {})) out.push(line);
  return out;
}

test('lines split across chunks, CRLF and LF, a last line without newline, empty lines kept', async () => {
  assert.deepEqual(await collect(['{"a":', '1}\r\n{"b"', ':2}\n', '\n', 'tail']), ['{"a":1}', '{"b":2}', '', 'tail']);
  assert.deepEqual(await collect(['one\r', '\ntwo\n']), ['one', 'two'], 'CR and LF in different chunks');
  assert.deepEqual(await collect([]), []);
  assert.deepEqual(await collect(['only\n']), ['only']);
});

test('a multi-byte character split between chunks', async () => {
  const bytes = Buffer.from('caf\u00e9 \u{1F600}\nnext\n');
  const chunks = [...bytes].map((b) => Buffer.from([b]));
  assert.deepEqual(await collect(chunks), ['caf\u00e9 \u{1F600}', 'next']);
});

test('a large line in many chunks, and a limit against unbounded memory', async () => {
  const big = 'x'.repeat(3_000_000);
  const chunks = [...Array(300)].map((_, i) => big.slice(i * 10_000, (i + 1) * 10_000));
  const got = await collect([...chunks, '\nafter']);
  assert.equal(got.length, 2);
  assert.equal(got[0]?.length, 3_000_000);
  assert.equal(got[1], 'after');
  await assert.rejects(collect([...chunks, '\n'], 1_000_000), LineTooLongError);
});

test('lines are yielded as they arrive, before the stream ends', async () => {
  const stream = new Readable({ read() {} });
  const iterator = lines(stream)[Symbol.asyncIterator]();
  stream.push('first\nsec');
  assert.deepEqual(await iterator.next(), { value: 'first', done: false });
  stream.push('ond\n');
  assert.deepEqual(await iterator.next(), { value: 'second', done: false });
  stream.push(null);
  assert.equal((await iterator.next()).done, true);
});
