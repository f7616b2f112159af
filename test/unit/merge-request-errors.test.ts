// merge-request mode: forge API failures become errors that name the input to fix, in log-safe words.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputError } from '../../src/core/errors';
import { apiError, serverMessage, webUrl } from '../../src/tools/merge-requests/types';

const API = 'GitLab API https://gitlab.example.com/api/v4 (project acme/gitops)';

test('401/403 name token, 404 names project when the forge says so, else api-url', () => {
  const cases: [number, unknown, string, RegExp][] = [
    [
      401,
      '{"message":"401 Unauthorized"}',
      'token',
      /answered 401 Unauthorized \(the server said: 401 Unauthorized\): check 'token'/,
    ],
    [403, { message: '403 Forbidden' }, 'token', /403 Forbidden.*lacks permission/],
    [404, '{"message":"404 Project Not Found"}', 'project', /check 'project'/],
    [
      404,
      { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' },
      'api-url',
      /check 'api-url' and 'project'/,
    ],
    [404, '<html><body>nginx</body></html>', 'api-url', /answered 404 Not Found: check/],
  ];
  for (const [status, body, input, message] of cases) {
    const error = apiError('listing', API, status, body);
    assert.ok(error instanceof InputError, `${status} is not an InputError`);
    assert.equal(error.input, input);
    assert.match(error.message, message);
  }
  const other = apiError('opening', API, 500, '{"message":"boom"}');
  assert.ok(!(other instanceof InputError));
  assert.match(other.message, /answered HTTP 500 \(the server said: boom\)/);
});

test("the server's words: JSON message/error/errors, control characters escaped, cut short", () => {
  assert.equal(serverMessage('{"message":["Source branch does not exist"]}'), '["Source branch does not exist"]');
  assert.equal(serverMessage({ errors: [{ message: 'x' }] }), '[{"message":"x"}]');
  assert.equal(serverMessage('plain\r\n::error::forged\x1b[2K'), 'plain\\n::error::forged\\x1b[2K');
  assert.doesNotMatch(serverMessage('a\nb'), /\n/);
  assert.ok(serverMessage('x'.repeat(5000)).length <= 300);
  assert.equal(serverMessage(''), '');
});

test('a web URL from the API is used only when it is a plain http(s) URL', () => {
  assert.equal(
    webUrl('https://gitlab.example.com/acme/gitops/-/merge_requests/3'),
    'https://gitlab.example.com/acme/gitops/-/merge_requests/3',
  );
  for (const bad of [
    'javascript:alert(1)',
    'https://x/\nCDPACK_X=1',
    'https://x/ y',
    42,
    undefined,
    `https://x/${'a'.repeat(3000)}`,
  ]) {
    assert.equal(webUrl(bad), '', String(bad));
  }
});
