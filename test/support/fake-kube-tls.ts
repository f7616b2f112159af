/**
 * Certificates for the fake API server, made with the openssl CLI (P-256 keys, valid two days):
 * a CA, a server certificate for 127.0.0.1/localhost signed by it, and client certificates
 * (CN = user, O = group) signed by the same CA — or by a second, untrusted CA for the
 * "wrong certificate" case. Made once per process and kept in a temp directory.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PemFiles {
  certFile: string;
  keyFile: string;
  cert: string;
  key: string;
}

export interface FakeKubePki {
  dir: string;
  caFile: string;
  ca: string;
  server: PemFiles;
  /** A client certificate for `user` (CN) in `groups` (O); `untrusted` signs it with a CA the server does not know. */
  clientCert(user: string, options?: { groups?: string[]; untrusted?: boolean }): Promise<PemFiles>;
}

async function openssl(args: string[]): Promise<void> {
  await run('openssl', args, { encoding: 'utf8' });
}

async function newKey(file: string): Promise<void> {
  await openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', file]);
}

async function newCa(dir: string, name: string): Promise<{ certFile: string; keyFile: string }> {
  const keyFile = join(dir, `${name}.key`);
  const certFile = join(dir, `${name}.crt`);
  await newKey(keyFile);
  await openssl([
    'req',
    '-x509',
    '-new',
    '-key',
    keyFile,
    '-subj',
    `/CN=${name}`,
    '-days',
    '2',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign,digitalSignature',
    '-out',
    certFile,
  ]);
  return { certFile, keyFile };
}

let counter = 0;
async function signed(
  dir: string,
  ca: { certFile: string; keyFile: string },
  subject: string,
  extensions: string,
): Promise<PemFiles> {
  const base = join(dir, `leaf-${++counter}`);
  const keyFile = `${base}.key`;
  const certFile = `${base}.crt`;
  await newKey(keyFile);
  await openssl(['req', '-new', '-key', keyFile, '-subj', subject, '-out', `${base}.csr`]);
  writeFileSync(`${base}.ext`, extensions);
  await openssl([
    'x509',
    '-req',
    '-in',
    `${base}.csr`,
    '-CA',
    ca.certFile,
    '-CAkey',
    ca.keyFile,
    '-set_serial',
    String(Date.now() * 100 + counter),
    '-days',
    '2',
    '-extfile',
    `${base}.ext`,
    '-out',
    certFile,
  ]);
  return { certFile, keyFile, cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8') };
}

async function makePki(): Promise<FakeKubePki> {
  const dir = mkdtempSync(join(tmpdir(), 'fake-kube-pki-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const [ca, rogue] = await Promise.all([newCa(dir, 'fake-kube-ca'), newCa(dir, 'untrusted-ca')]);
  const server = await signed(
    dir,
    ca,
    '/CN=fake-kube-apiserver',
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature\n',
  );
  const clients = new Map<string, Promise<PemFiles>>();
  return {
    dir,
    caFile: ca.certFile,
    ca: readFileSync(ca.certFile, 'utf8'),
    server,
    clientCert(user, options = {}) {
      const groups = options.groups ?? [];
      const id = JSON.stringify([user, groups, options.untrusted === true]);
      let cert = clients.get(id);
      if (!cert) {
        const subject = `${groups.map((g) => `/O=${g}`).join('')}/CN=${user}`;
        cert = signed(
          dir,
          options.untrusted ? rogue : ca,
          subject,
          'extendedKeyUsage=clientAuth\nkeyUsage=critical,digitalSignature\n',
        );
        clients.set(id, cert);
      }
      return cert;
    },
  };
}

let pki: Promise<FakeKubePki> | undefined;
/** The process-wide certificates (made on first use). */
export function fakeKubePki(): Promise<FakeKubePki> {
  pki ??= makePki();
  return pki;
}
