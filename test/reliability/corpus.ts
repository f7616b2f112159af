/**
 * The bad-input table: per action, a valid base and the inputs that must each be refused with an
 * error naming the input (or the file and line at fault) before anything is pushed or patched.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYamlLoose, stringify as toYaml } from 'yaml';
import { aliasBomb, appImage, BROKEN_YAML, overlayPath } from '../support/gitops-fixture';
import { requireShared } from '../support/requirements';
import { BOMB_FILE, type Harness, type Inputs, REGISTRY_USER, SYMLINK_FILE } from './harness';

export interface BadCase {
  action: string;
  /** Short label for the report. */
  label: string;
  /** Overrides on the action's valid base (undefined removes an input). */
  inputs: Inputs;
  /** Extra environment (a hostile kubeconfig replaces the good one). */
  env?: NodeJS.ProcessEnv;
  /** What the error must name: `input '<name>'` by default. */
  names: RegExp;
  /** A defect this table found and main has not fixed yet: reported as a todo, not a failure. */
  known?: string;
}

/**
 * Defects found by this table, open on main (each is a todo until fixed; remove the entry then).
 * The shared-state checks (registry, remote, cluster unchanged; no secret shown) still apply to them.
 */
export const KNOWN_DEFECTS: Record<string, string> = {};

export const MEGABYTE = 'a'.repeat(1024 * 1024);

/**
 * Invalid references from the distribution/reference test tables (the grammar's edge cases). With
 * `nameOnly`, also what is a valid reference but not a bare name (TestWithNameFailure: a tag, …),
 * for the inputs that take a repository without tag or digest.
 */
export function invalidReferences(nameOnly: boolean): string[] {
  const file = requireShared('oracles', 'image-reference', 'distribution-reference-test-cases.json');
  const doc = JSON.parse(readFileSync(file, 'utf8')) as {
    tables: Record<string, { cases: { input?: unknown; err?: unknown }[] }>;
  };
  const found = new Set<string>();
  for (const table of nameOnly ? ['TestReferenceParse', 'TestWithNameFailure'] : ['TestReferenceParse']) {
    for (const c of doc.tables[table]?.cases ?? []) if (c.err && typeof c.input === 'string') found.add(c.input);
  }
  // Beyond the tables: a name over 255 characters, whitespace, a scheme, control characters.
  for (const extra of [
    `registry.example/${'a'.repeat(300)}`,
    'reg istry/app',
    'https://registry.example/app',
    'app\u0000x',
    'app\ttab',
    '///',
    'app:',
  ]) {
    found.add(extra);
  }
  return [...found];
}

const input = (name: string) => new RegExp(`input '${name}'`);

export function baseInputs(h: Harness): Record<string, Inputs> {
  return {
    'build-push': {
      image: `${h.registry.host}/app`,
      tags: '1.0.0',
      context: '.',
      'tls-verify': 'false',
      builder: 'buildah',
      username: REGISTRY_USER,
    },
    scan: { image: `${h.registry.host}/app:1.0.0`, offline: 'true', 'cache-dir': '.scan-cache' },
    'update-gitops-tag': {
      repository: h.gitops.url,
      username: h.gitops.user,
      files: overlayPath(0),
      image: appImage(0),
      tag: '2.0.0',
    },
    'set-image': { image: 'registry.example/web:2.0.0', workload: 'deployment/web', namespace: 'default' },
    'verify-rollout': { workloads: 'deployment/web', namespace: 'default', timeout: '20s' },
  };
}

function kubeconfigWith(h: Harness, change: (doc: Record<string, unknown>) => void): string {
  const doc = JSON.parse(JSON.stringify(parseYamlLoose(h.kubeconfig))) as Record<string, unknown>;
  change(doc);
  return toYaml(doc);
}

/** `clusters[0].cluster` / `users[0].user` of a kubeconfig, to spoil one field of a good one. */
function firstOf(doc: Record<string, unknown>, list: string, key: string): Record<string, unknown> {
  const entry = (doc[list] as Record<string, Record<string, unknown>>[] | undefined)?.[0]?.[key];
  if (!entry) throw new Error(`the fake's kubeconfig has no ${list}[0].${key}`);
  return entry;
}

/** Kubeconfigs a job could be handed by mistake or malice (content of the `kubeconfig` input). */
function hostileKubeconfigs(h: Harness): { label: string; text: string; names: RegExp }[] {
  const k = input('kubeconfig');
  return [
    { label: 'not YAML', text: BROKEN_YAML.text.replace('kind: Kustomization', 'clusters: [x'), names: k },
    { label: 'alias bomb', text: aliasBomb('x'), names: k },
    { label: 'a list, not a mapping', text: '- a\n- b\n', names: k },
    { label: 'a scalar', text: 'just words', names: k },
    { label: 'empty mapping (no cluster)', text: '{}\n', names: k },
    { label: '1 MB of garbage', text: MEGABYTE, names: k },
    {
      label: 'current-context naming nothing',
      text: kubeconfigWith(h, (d) => {
        d['current-context'] = 'nowhere';
      }),
      names: /kubeconfig|context/,
    },
    {
      label: 'server with a file: URL',
      text: kubeconfigWith(h, (d) => {
        firstOf(d, 'clusters', 'cluster').server = 'file:///etc/passwd';
      }),
      names: /kubeconfig|server/,
    },
    {
      label: 'certificate-authority-data that is not a certificate',
      text: kubeconfigWith(h, (d) => {
        firstOf(d, 'clusters', 'cluster')['certificate-authority-data'] = Buffer.from('not a cert').toString('base64');
      }),
      names: /kubeconfig|certificate/,
    },
    {
      label: 'certificate-authority pointing out of the workspace to a missing file',
      text: kubeconfigWith(h, (d) => {
        const c = firstOf(d, 'clusters', 'cluster');
        delete c['certificate-authority-data'];
        c['certificate-authority'] = '../../nonexistent/ca.crt';
      }),
      names: /kubeconfig|certificate|ca\.crt/,
    },
    {
      label: 'tokenFile pointing at a missing file',
      text: kubeconfigWith(h, (d) => {
        const u = firstOf(d, 'users', 'user');
        delete u.token;
        u.tokenFile = '/nonexistent/token';
      }),
      names: /kubeconfig|token/,
    },
    {
      label: 'users: a string',
      text: kubeconfigWith(h, (d) => {
        d.users = 'nobody';
      }),
      names: k,
    },
  ];
}

export function badCases(h: Harness): BadCase[] {
  const cases: BadCase[] = [];
  const add = (action: string, label: string, inputs: Inputs, names: RegExp, env?: NodeJS.ProcessEnv) =>
    cases.push({ action, label, inputs, names, ...(env ? { env } : {}), ...known(`${action} / ${label}`) });
  const known = (key: string) => (KNOWN_DEFECTS[key] ? { known: KNOWN_DEFECTS[key] } : {});
  const names = invalidReferences(true);
  const refs = invalidReferences(false);

  // build-push
  for (const ref of names)
    add('build-push', `image ${JSON.stringify(ref.slice(0, 40))}`, { image: ref }, input('image'));
  add('build-push', 'image: 1 MB', { image: MEGABYTE }, input('image'));
  for (const tag of ['-bad', 'a+b', '.hidden', 'x'.repeat(129), 'has space', MEGABYTE]) {
    add('build-push', `tags ${JSON.stringify(tag.slice(0, 12))}`, { tags: tag }, input('tags'));
  }
  for (const [label, context] of [
    ['../', '../'],
    // (An absolute path is the workflow author's choice and allowed anywhere; it must exist.)
    ['absolute missing', '/nonexistent/context'],
    ['symlink out', 'etc-link'],
    ['missing', 'no-such-dir'],
    ['1 MB', MEGABYTE],
  ] as const) {
    add('build-push', `context ${label}`, { context }, input('context'));
  }
  for (const [label, file] of [
    ['../', '../Dockerfile'],
    ['absolute missing', '/nonexistent/Dockerfile'],
    ['a directory', '.'],
    ['symlink out', 'passwd-link'],
    ['missing', 'nope/Dockerfile'],
  ] as const) {
    add('build-push', `file ${label}`, { file }, input('file'));
  }
  add('build-push', 'push: wrong type', { push: 'maybe' }, input('push'));
  add('build-push', 'tls-verify: wrong type', { 'tls-verify': 'sometimes' }, input('tls-verify'));
  add('build-push', 'builder: unknown', { builder: 'podman' }, input('builder'));
  add('build-push', 'buildah-storage: unknown', { 'buildah-storage': 'tmpfs' }, input('buildah-storage'));
  add('build-push', 'platforms: not os/arch', { platforms: 'amd64' }, input('platforms'));
  add('build-push', 'platforms: 1 MB', { platforms: MEGABYTE }, input('platforms'));
  add('build-push', 'build-args without =', { 'build-args': 'NOEQUALS' }, input('build-args'));
  add('build-push', 'labels without =', { labels: 'noequals' }, input('labels'));
  add('build-push', 'ca-file missing', { 'ca-file': '/nonexistent/ca.pem' }, input('ca-file'));
  add('build-push', 'ca-file ../', { 'ca-file': '../../ca.pem' }, input('ca-file'));
  add('build-push', 'source: invalid reference', { source: 'UPPER/Case:x' }, input('source'));
  add(
    'build-push',
    'cache-from: invalid reference',
    { 'cache-from': 'type=registry,ref=Bad Ref' },
    input('cache-from'),
  );
  add('build-push', 'cache-to: invalid reference', { 'cache-to': '::' }, input('cache-to'));

  // scan
  for (const ref of refs) add('scan', `image ${JSON.stringify(ref.slice(0, 40))}`, { image: ref }, input('image'));
  add('scan', 'image: 1 MB', { image: MEGABYTE }, input('image'));
  add('scan', 'scanner: unknown', { scanner: 'clair' }, input('scanner'));
  add('scan', 'severity-threshold: unknown', { 'severity-threshold': 'urgent' }, input('severity-threshold'));
  add('scan', 'ignore-unfixed: wrong type', { 'ignore-unfixed': 'perhaps' }, input('ignore-unfixed'));
  add('scan', 'offline: wrong type', { offline: '2' }, input('offline'));
  for (const limit of ['ten', '-1', '1.5', MEGABYTE]) {
    add(
      'scan',
      `summary-limit ${JSON.stringify(limit.slice(0, 8))}`,
      { 'summary-limit': limit },
      input('summary-limit'),
    );
  }
  for (const [label, file] of [
    ['../', '../ignore.yaml'],
    ['absolute missing', '/nonexistent/Dockerfile'],
    ['a directory', '.'],
    ['symlink out', 'passwd-link'],
    ['missing', 'no-such.yaml'],
  ] as const) {
    add('scan', `ignore-file ${label}`, { 'ignore-file': file }, input('ignore-file'));
  }
  add('scan', 'ignore-file: malformed YAML', { 'ignore-file': 'broken.yaml' }, /broken\.yaml|input 'ignore-file'/);
  add('scan', 'ignore-file: alias bomb', { 'ignore-file': 'bomb.yaml' }, /bomb\.yaml|input 'ignore-file'/);
  for (const name of ['sarif-file', 'gitlab-report-file']) {
    add('scan', `${name} ../`, { [name]: '../out.json' }, input(name));
    // (Absolute paths are the workflow author's choice and allowed; relative ones are the repository's.)
    add('scan', `${name} through a symlink out`, { [name]: 'etc-link/out.json' }, input(name));
    add('scan', `${name} with a newline`, { [name]: 'out.json\nother.json' }, input(name));
  }
  add('scan', 'scanner-version: not a version', { 'scanner-version': 'latest; rm -rf /' }, input('scanner-version'));

  // update-gitops-tag
  for (const ref of names)
    add('update-gitops-tag', `image ${JSON.stringify(ref.slice(0, 40))}`, { image: ref }, input('image'));
  for (const [label, files] of [
    ['../', '../x.yaml'],
    ['nested ../', 'apps/../../x.yaml'],
    ['absolute missing', '/nonexistent/Dockerfile'],
    ['a directory', '.'],
    ['empty', ''],
    ['glob matching nothing', 'nowhere/*/kustomization.yaml'],
    ['1 MB', MEGABYTE],
  ] as const) {
    add('update-gitops-tag', `files ${label}`, { files }, input('files'));
  }
  add(
    'update-gitops-tag',
    'files: symlink out of the repo',
    { files: SYMLINK_FILE },
    /escape\/kustomization\.yaml|input 'files'/,
  );
  add(
    'update-gitops-tag',
    'files: malformed YAML',
    { files: BROKEN_YAML.path },
    new RegExp(`${BROKEN_YAML.path}:${BROKEN_YAML.line}`),
  );
  add('update-gitops-tag', 'files: alias bomb', { files: BOMB_FILE }, new RegExp(`${BOMB_FILE}:\\d+`));
  for (const tag of ['-bad', 'a+b', '.hidden', 'x'.repeat(129), MEGABYTE]) {
    add('update-gitops-tag', `tag ${JSON.stringify(tag.slice(0, 12))}`, { tag }, input('tag'));
  }
  for (const digest of ['sha256:xyz', `sha256:${'A'.repeat(64)}`, `sha512:${'a'.repeat(128)}`, 'md5:abcd']) {
    add('update-gitops-tag', `digest ${digest.slice(0, 12)}`, { digest }, input('digest'));
  }
  for (const n of ['many', '0', '-1', '1.5', '1e9']) {
    add('update-gitops-tag', `max-attempts ${n}`, { 'max-attempts': n }, input('max-attempts'));
  }
  add('update-gitops-tag', 'dry-run: wrong type', { 'dry-run': 'perhaps' }, input('dry-run'));
  for (const branch of ['-f', 'a..b', 'main~1', 'refs/heads/../x', 'x'.repeat(300)]) {
    add('update-gitops-tag', `branch ${JSON.stringify(branch.slice(0, 12))}`, { branch }, input('branch'));
  }
  for (const repository of [
    'file:///etc',
    'ext::sh -c touch% /tmp/x',
    '/srv/git/repo.git',
    '-uhttp://x',
    'http://',
    'ftp://host/repo.git',
    'https:///path',
    '',
  ]) {
    add('update-gitops-tag', `repository ${JSON.stringify(repository)}`, { repository }, input('repository'));
  }
  add('update-gitops-tag', 'author-name 1 MB', { 'author-name': MEGABYTE }, input('author-name'));
  for (const name of ['author-name', 'author-email']) {
    add('update-gitops-tag', `${name} with a trailer`, { [name]: 'a@b\nSigned-off-by: x' }, input(name));
    add('update-gitops-tag', `${name} with a control character`, { [name]: 'a\u0007b' }, input(name));
  }

  // set-image
  for (const ref of refs) add('set-image', `image ${JSON.stringify(ref.slice(0, 40))}`, { image: ref }, input('image'));
  for (const workload of [
    'web',
    'deployment/',
    '/web',
    'deployment/Web_Bad',
    'pod/web',
    'service/web',
    'job/web',
    'deployment/web/extra',
    '',
    MEGABYTE,
  ]) {
    add('set-image', `workload ${JSON.stringify(workload.slice(0, 20))}`, { workload }, input('workload'));
  }
  for (const namespace of ['Bad_NS', '../kube-system', 'x'.repeat(64)]) {
    add('set-image', `namespace ${JSON.stringify(namespace.slice(0, 16))}`, { namespace }, input('namespace'));
  }
  add('set-image', 'container: bad name', { container: 'Not_A_Name' }, input('container'));
  add('set-image', 'dry-run: wrong type', { 'dry-run': 'perhaps' }, input('dry-run'));
  add('set-image', 'allow-mutable-tag: wrong type', { 'allow-mutable-tag': 'y es' }, input('allow-mutable-tag'));
  add('set-image', 'change-cause 1 MB', { 'change-cause': MEGABYTE }, input('change-cause'));
  add('set-image', 'context: unknown', { context: 'no-such-context' }, /context/);
  for (const k of hostileKubeconfigs(h))
    add('set-image', `kubeconfig: ${k.label}`, {}, k.names, { CDPACK_KUBECONFIG: k.text });

  // verify-rollout
  for (const workloads of ['web', 'foo/web', 'service/web', 'deployment/', 'deployment/Web_Bad', '', MEGABYTE]) {
    add('verify-rollout', `workloads ${JSON.stringify(workloads.slice(0, 16))}`, { workloads }, input('workloads'));
  }
  for (const timeout of ['forever', '-5m', '10', '1y', MEGABYTE]) {
    add('verify-rollout', `timeout ${JSON.stringify(timeout.slice(0, 8))}`, { timeout }, input('timeout'));
  }
  add('verify-rollout', 'rollback: wrong type', { rollback: 'maybe' }, input('rollback'));
  for (const url of ['ftp://x/', 'not a url', 'file:///etc/passwd', 'http://', 'javascript:alert(1)']) {
    add('verify-rollout', `smoke-url ${JSON.stringify(url)}`, { 'smoke-url': url }, input('smoke-url'));
  }
  for (const status of ['abc', '99', '600', '2OO']) {
    add(
      'verify-rollout',
      `smoke-status ${JSON.stringify(status)}`,
      { 'smoke-status': status, 'smoke-url': 'http://127.0.0.1:9/' },
      input('smoke-status'),
    );
  }
  add(
    'verify-rollout',
    'smoke-body: invalid regex',
    { 'smoke-body': '/[/', 'smoke-url': 'http://127.0.0.1:9/' },
    input('smoke-body'),
  );
  add('verify-rollout', 'smoke-retries: negative', { 'smoke-retries': '-1' }, input('smoke-retries'));
  add('verify-rollout', 'smoke-interval: not a duration', { 'smoke-interval': 'soon' }, input('smoke-interval'));
  add('verify-rollout', 'namespace: bad', { namespace: 'Bad_NS' }, input('namespace'));
  for (const k of hostileKubeconfigs(h).slice(0, 6))
    add('verify-rollout', `kubeconfig: ${k.label}`, {}, k.names, { CDPACK_KUBECONFIG: k.text });
  return cases;
}
