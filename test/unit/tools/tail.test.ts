import assert from 'node:assert/strict';
import { test } from 'node:test';
import { imageRepository } from '../../../src/core/scan/scan-target';
import { tail } from '../../../src/tools/tail';

test('tail: the last meaningful lines of tool output on one line', () => {
  assert.equal(tail('a\n\n  b  \nc\nd\n\n'), 'b | c | d');
  assert.equal(tail('a\nb\nc', 2), 'b | c');
  assert.equal(tail('one line'), 'one line');
  assert.equal(tail(''), '(no output)');
  assert.equal(tail(' \n\n '), '(no output)');
});

test('imageRepository: the reference without tag or digest, a registry port kept', () => {
  assert.equal(
    imageRepository(`registry.example.com:5000/team/web:1.2@sha256:${'a'.repeat(64)}`),
    'registry.example.com:5000/team/web',
  );
  assert.equal(imageRepository('localhost:5000/web'), 'localhost:5000/web');
  assert.equal(imageRepository('alpine:3.19'), 'alpine');
  assert.equal(imageRepository('alpine'), 'alpine');
});
