import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDockerHostSettings } from '../../../src/actions/set-image/docker-settings';
import { knownHostsFile, sshArgs } from '../../../src/tools/ssh';

const KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----\n';
const base = {
  target: 'compose',
  image: 'registry.example/web:2',
  host: 'deploy.example',
  port: '22',
  user: 'deploy',
  'ssh-key': KEY,
  'known-hosts': 'deploy.example ssh-ed25519 AAAA',
  'compose-file': '/srv/app/compose.yaml',
  timeout: '5m',
};

test('docker-host settings: compose over ssh, .env next to the compose file unless a project directory is given', () => {
  const s = parseDockerHostSettings(base);
  assert.equal(s.ssh?.host, 'deploy.example');
  assert.equal(s.ssh?.port, 22);
  assert.equal(s.envFile, '/srv/app/.env');
  assert.equal(s.timeoutMs, 300_000);
  assert.deepEqual(s.warnings, []);
  assert.equal(parseDockerHostSettings({ ...base, 'project-directory': '/srv/x' }).envFile, '/srv/x/.env');
  assert.equal(parseDockerHostSettings({ ...base, 'compose-file': 'compose.yaml' }).envFile, './.env');
});

test('docker-host settings: what is missing or wrong names its input', () => {
  const bad = (over: Record<string, string>, re: RegExp) =>
    assert.throws(() => parseDockerHostSettings({ ...base, ...over }), re);
  bad({ host: '' }, /^InputError: input 'host': is required for target compose/);
  bad({ host: '-oProxyCommand=touch x' }, /input 'host': .* is not a host name/);
  bad({ host: 'a b' }, /input 'host'/);
  bad({ user: '' }, /input 'user': is required/);
  bad({ user: 'root;id' }, /input 'user': .* is not a user name/);
  bad({ port: '0' }, /input 'port'/);
  bad({ 'ssh-key': '' }, /input 'ssh-key': is required/);
  bad({ 'ssh-key': 'hunter2' }, /input 'ssh-key': expected a private key/);
  bad({ 'known-hosts': '' }, /input 'known-hosts': is required .* unless insecure-ignore-host-key/);
  bad({ 'compose-file': '' }, /input 'compose-file': is required/);
  bad({ 'compose-file': '/srv/a\nb.yaml' }, /input 'compose-file': .*a\\nb\.yaml' contains a NUL, newline/);
  bad({ 'compose-file': '/srv/a\0b' }, /input 'compose-file'/);
  bad({ 'project-directory': '/srv/\r' }, /input 'project-directory'/);
  bad({ service: 'web,-d' }, /input 'service': '-d' is not a service name/);
  bad({ service: 'web;rm -rf /' }, /input 'service'/);
  bad({ service: '$(id)' }, /input 'service'/);
  bad({ timeout: 'soon' }, /input 'timeout'/);
  bad({ 'docker-host': 'unix:///x y' }, /input 'docker-host'/);
  bad({ 'docker-host': 'file:///etc' }, /input 'docker-host'/);
  bad({ 'docker-host': 'ssh://other.example' }, /input 'docker-host': names host 'other.example' but input 'host' is/);
  bad({ target: 'swarm', service: '' }, /input 'service': name the swarm service/);
  bad({ image: 'registry.example/web:latest' }, /input 'image'/);
});

test('docker-host settings: insecure-ignore-host-key warns; ssh:// docker-host stands for host, user and port', () => {
  const s = parseDockerHostSettings({ ...base, 'known-hosts': '', 'insecure-ignore-host-key': 'true' });
  assert.equal(s.ssh?.knownHosts, undefined);
  assert.match(s.warnings[0] ?? '', /NOT checked/);
  const both = parseDockerHostSettings({ ...base, 'insecure-ignore-host-key': 'true' });
  assert.notEqual(both.ssh?.knownHosts, undefined);
  assert.match(both.warnings[0] ?? '', /is ignored/);
  const url = parseDockerHostSettings({
    ...base,
    target: 'swarm',
    service: 'web',
    host: '',
    user: '',
    'docker-host': 'ssh://ops@10.0.0.5:2222',
  });
  assert.deepEqual([url.ssh?.host, url.ssh?.user, url.ssh?.port, url.dockerHost], ['10.0.0.5', 'ops', 2222, undefined]);
  const local = parseDockerHostSettings({
    target: 'swarm',
    service: 'web',
    image: 'r/web:2',
    'docker-host': 'unix:///run/d.sock',
  });
  assert.equal(local.ssh, undefined);
  assert.equal(local.dockerHost, 'unix:///run/d.sock');
});

test('ssh: strict host key checking against the given file, the user config ignored, host after --', () => {
  const args = sshArgs({ host: 'h', port: 2222, user: 'u', privateKey: KEY, knownHosts: 'x' }, '/t/id', '/t/kh');
  const text = args.join(' ');
  for (const o of [
    'StrictHostKeyChecking=yes',
    'UserKnownHostsFile=/t/kh',
    'BatchMode=yes',
    'IdentitiesOnly=yes',
    'IdentityFile=/t/id',
  ]) {
    assert.ok(text.includes(`-o ${o}`), o);
  }
  assert.deepEqual(args.slice(0, 2), ['-F', 'none']);
  assert.deepEqual(args.slice(-6), ['-p', '2222', '-l', 'u', '--', 'h']);
  const insecure = sshArgs(
    { host: 'h', port: 22, user: 'u', privateKey: KEY, knownHosts: undefined },
    '/t/id',
    undefined,
  );
  assert.ok(insecure.join(' ').includes('StrictHostKeyChecking=no'));
});

test('knownHostsFile: bare key lines get the host pattern ([host]:port off port 22)', () => {
  assert.equal(knownHostsFile('ssh-ed25519 AAAA\n', 'h.example', 22), 'h.example ssh-ed25519 AAAA\n');
  assert.equal(knownHostsFile('ssh-ed25519 AAAA', '127.0.0.1', 2222), '[127.0.0.1]:2222 ssh-ed25519 AAAA\n');
  assert.equal(
    knownHostsFile('# keyscan\r\n[127.0.0.1]:2222 ssh-ed25519 AAAA\r\n', '127.0.0.1', 2222),
    '# keyscan\n[127.0.0.1]:2222 ssh-ed25519 AAAA\n',
  );
});
