/**
 * `npm run demo`: the five cdpack steps as one flow, through the CLI as the GitLab components run it (inputs as
 * CDPACK_* variables, outputs read back from each step's --dotenv report as CDPACK_<STEP>_<OUTPUT>), against
 * stand-ins on 127.0.0.1 that this script starts and stops: a real OCI registry (docker-registry), buildah, a real
 * git smart-HTTP server (git http-backend) and a SIMULATED Kubernetes API server (test/support/fake-kube-api.ts).
 *
 * Release 1 builds demo/app and rolls it out. Release 2 ships a deliberately broken start script: the simulated
 * cluster makes its pods crash-loop, and verify-rollout must diagnose it and roll back to release 1.
 * Exit code 0 only when every step behaved as expected (the broken release rolled back included).
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDemoRepos, DEMO_OVERLAY } from '../test/support/demo-repos';
import { startDockerd, type TestDockerd } from '../test/support/dockerd';
import { readDotenvReport } from '../test/support/dotenv-report';
import { type FakeKube, startFakeKube } from '../test/support/fake-kube-api';
import { addPods, deploymentManifest, setDeploymentStatus } from '../test/support/fake-kube-workloads';
import { type GitServer, startGitServer } from '../test/support/git-http-server';
import { startRegistry, type TestRegistry } from '../test/support/registry';
import { startSshd, type TestSshd } from '../test/support/sshd';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist/cli/index.js');
const DEMO = join(ROOT, 'demo');
const VERBOSE = process.env.CDPACK_DEMO_VERBOSE === '1';
const GIT_USER = 'demo-bot';
const GIT_TOKEN = 'demo-git-token-not-a-secret';

// ---------------------------------------------------------------------------------------------- output helpers

const color = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: string, text: string) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
const bold = (t: string) => paint('1', t);
const dim = (t: string) => paint('2', t);
const green = (t: string) => paint('32', t);
const red = (t: string) => paint('31', t);
const say = (line = '') => process.stdout.write(`${line}\n`);
const shortDigest = (d: string | undefined) => (d ? `${d.slice(0, 19)}…` : '-');
const shortSha = (s: string | undefined) => (s ? s.slice(0, 8) : '-');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

interface TimelineRow {
  release: string;
  step: string;
  ms: number;
  digest?: string;
  commit?: string;
  verdict: string;
  ok: boolean;
}
const timeline: TimelineRow[] = [];
const problems: string[] = [];

function table(headers: string[], rows: string[][]): string {
  // Cells are plain text (no colour codes), so their length is their width.
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => c + ' '.repeat((widths[i] ?? 0) - c.length)).join(' | ')} |`;
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

function record(row: TimelineRow): void {
  timeline.push(row);
  const mark = row.ok ? green('✔') : red('✘');
  say(
    `  ${mark} ${row.step.padEnd(18)} ${seconds(row.ms).padStart(6)}  digest ${shortDigest(row.digest).padEnd(20)}  commit ${shortSha(row.commit).padEnd(8)}  ${row.verdict}`,
  );
}

function check(condition: boolean, problem: string): boolean {
  if (!condition) problems.push(problem);
  return condition;
}

// ---------------------------------------------------------------------------------------------- processes

const children = new Set<ReturnType<typeof spawn>>();

/** The environment a CI job would give cdpack: none of this shell's CI/CDPACK variables, hermetic git. */
function jobEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(CDPACK_|INPUT_|GITHUB_|RUNNER_|CI_|GITLAB_|ACTIONS_|GIT_CONFIG_)/.test(k)) continue;
    if (k === 'GITLAB_CI' || k === 'NODE_OPTIONS' || k === 'NODE_TEST_CONTEXT') continue;
    env[k] = v;
  }
  return { ...env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', NO_COLOR: '1' };
}

function run(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; log?: string },
): Promise<{ code: number; output: string }> {
  return new Promise((done) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? jobEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(child);
    let output = '';
    const collect = (d: Buffer) => {
      output += d.toString('utf8');
      if (VERBOSE) process.stdout.write(dim(d.toString('utf8')));
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (e) => {
      output += `\n${String(e)}`;
    });
    child.on('close', (code, signal) => {
      children.delete(child);
      if (options.log) writeFileSync(options.log, output);
      done({ code: code ?? (signal ? 128 : 1), output });
    });
  });
}

async function git(cwd: string, ...args: string[]): Promise<string> {
  const r = await run('git', ['-c', 'user.name=demo', '-c', 'user.email=demo@example.com', ...args], { cwd });
  if (r.code !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.output.trim().slice(-400)}`);
  return r.output.trim();
}

interface StepResult {
  code: number;
  out: (name: string) => string | undefined;
  output: string;
  ms: number;
}

/** `cdpack <step> --dotenv <file>` with inputs as CDPACK_<INPUT>; outputs read back as CDPACK_<STEP>_<OUTPUT>. */
async function step(
  work: string,
  release: string,
  name: string,
  inputs: Record<string, string>,
  extraEnv: Record<string, string> = {},
  cwd = work,
  suffix = '',
): Promise<StepResult> {
  const dotenv = join(work, `${release}-${name}${suffix}.env`);
  const env = { ...jobEnv(), ...extraEnv };
  for (const [input, value] of Object.entries(inputs)) env[`CDPACK_${input.toUpperCase().replace(/-/g, '_')}`] = value;
  const started = Date.now();
  const r = await run(process.execPath, [CLI, name, '--dotenv', dotenv], {
    cwd,
    env,
    log: join(work, `${release}-${name}${suffix}.log`),
  });
  const values = readDotenvReport(dotenv);
  const prefix = `CDPACK_${name.toUpperCase().replace(/-/g, '_')}_`;
  return {
    code: r.code,
    output: r.output,
    ms: Date.now() - started,
    out: (output) => values[prefix + output.toUpperCase().replace(/-/g, '_')],
  };
}

function tail(text: string, lines = 15): string {
  return text
    .trimEnd()
    .split('\n')
    .slice(-lines)
    .map((l) => `      ${dim(l)}`)
    .join('\n');
}

// ---------------------------------------------------------------------------------------------- the stand-ins

interface StandIns {
  work: string;
  registry?: TestRegistry;
  gitServer?: GitServer;
  kube?: FakeKube;
  controller?: NodeJS.Timeout;
  dockerd?: TestDockerd;
  sshd?: TestSshd;
}
const standIns: StandIns = { work: '' };

let cleaned = false;
async function cleanUp(): Promise<void> {
  if (cleaned) return;
  cleaned = true;
  for (const child of children) child.kill('SIGTERM');
  if (standIns.controller) clearInterval(standIns.controller);
  if (standIns.dockerd) {
    // Containers first: a dockerd stopped with containers running leaves mounts behind.
    const docker = ['--host', standIns.dockerd.host];
    const ids = spawnSync('docker', [...docker, 'ps', '-aq'], { encoding: 'utf8' })
      .stdout?.split('\n')
      .filter(Boolean);
    if (ids?.length) spawnSync('docker', [...docker, 'rm', '-f', ...ids]);
  }
  await Promise.allSettled([standIns.sshd?.stop(), standIns.dockerd?.stop()]);
  await Promise.allSettled([standIns.registry?.stop(), standIns.gitServer?.close(), standIns.kube?.close()]);
  if (standIns.work) rmSync(standIns.work, { recursive: true, force: true });
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    say(`\n${red(`${signal}: stopping the stand-ins and removing ${standIns.work || 'the temp dir'}`)}`);
    void cleanUp().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  });
}

/**
 * The simulated cluster's deployment controller (the fake runs in `manual` rollout mode): a new generation of
 * deployment/web rolls out, unless its image is one the demo marked broken, whose pods crash-loop with that
 * release's start script output until the progress deadline passes.
 */
function startController(kube: FakeKube, broken: Set<string>, crashLog: string): NodeJS.Timeout {
  let handled = 0;
  let deadline: NodeJS.Timeout | undefined;
  return setInterval(() => {
    const d = kube.get('deployment', 'web');
    const generation = d?.metadata?.generation ?? 0;
    if (!d || generation === handled) return;
    handled = generation;
    if (deadline) clearTimeout(deadline);
    const image: string = d.spec.template.spec.containers[0].image;
    // CDPACK_DEMO_BROKEN_HEALS=1 (for the demo's own test): the broken release rolls out fine, which the demo must
    // report as a failure, since it was not rolled back.
    const heals = process.env.CDPACK_DEMO_BROKEN_HEALS === '1';
    if (heals || ![...broken].some((digest) => image.endsWith(digest))) {
      setDeploymentStatus(kube, 'web', { updated: 3, available: 3 });
      return;
    }
    const newest = kube.revisions('deployment', 'web').at(-1);
    setDeploymentStatus(kube, 'web', { replicas: 4, updated: 1, available: 3 });
    if (newest) addPods(kube, 'replicaset', newest.metadata.name, 1, { kind: 'crash-loop', log: crashLog });
    // progressDeadlineSeconds, shortened for the demo.
    deadline = setTimeout(() => {
      if (kube.get('deployment', 'web')?.metadata?.generation === generation) {
        setDeploymentStatus(kube, 'web', {
          replicas: 4,
          updated: 1,
          available: 3,
          progressing: 'ProgressDeadlineExceeded',
        });
      }
    }, 3_000);
  }, 100);
}

interface ComposeHost {
  sshd: TestSshd;
  file: string;
  /** The image the web container runs (the reference compose started it with). */
  runningImage(): string | undefined;
}

/**
 * The Docker host: a real dockerd (trusting the demo registry over plain HTTP), sshd on 127.0.0.1 whose sessions
 * talk to it, and a compose project whose web service set-image updates. Needs set-image's `target` input.
 */
async function startComposeHost(registry: TestRegistry): Promise<ComposeHost | { reason: string }> {
  const help = spawnSync(process.execPath, [CLI, 'set-image', '--help'], { encoding: 'utf8' }).stdout ?? '';
  if (!help.includes('--target')) return { reason: "this build's set-image has no compose target" };
  for (const program of ['/usr/sbin/dockerd', '/usr/bin/docker-compose', '/usr/sbin/sshd']) {
    if (!existsSync(program)) return { reason: `${program} is missing (npm run setup)` };
  }
  const dockerd = await startDockerd([registry.host]);
  if ('reason' in dockerd) return dockerd;
  standIns.dockerd = dockerd;
  const sshd = await startSshd({ DOCKER_HOST: dockerd.host });
  standIns.sshd = sshd;
  const dir = join(standIns.work, 'host/srv/shop');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'compose.yaml');
  writeFileSync(
    file,
    `# the shop on the Docker host\nservices:\n  web:\n    image: ${registry.host}/demo/web:0.9.0 # set by CI\n    network_mode: none\n    healthcheck:\n      test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/"]\n      interval: 1s\n      timeout: 3s\n      retries: 2\n`,
  );
  writeFileSync(join(dir, '.env'), 'COMPOSE_PROJECT_NAME=cdpackdemo\n');
  const runningImage = () => {
    const docker = ['--host', dockerd.host];
    const ids = spawnSync('docker', [...docker, 'ps', '-q', '--filter', 'label=com.docker.compose.service=web'], {
      encoding: 'utf8',
    })
      .stdout?.split('\n')
      .filter(Boolean);
    if (ids?.length !== 1) return undefined;
    const image = spawnSync('docker', [...docker, 'inspect', '--format', '{{.Config.Image}}', ids[0] as string], {
      encoding: 'utf8',
    }).stdout;
    return image?.trim();
  };
  return { sshd, file, runningImage };
}

// ---------------------------------------------------------------------------------------------- the flow

interface Release {
  name: string;
  label: string;
  digest?: string;
  imageRef?: string;
  appCommit?: string;
  gitopsCommit?: string;
  verdict?: string;
  deployed?: string;
  composeVerdict?: string;
}

async function main(): Promise<number> {
  const wall = Date.now();
  if (!existsSync(CLI)) {
    say(red(`${CLI} is missing: run 'npm run build' first.`));
    return 1;
  }
  const work = mkdtempSync(join(tmpdir(), 'cdpack-demo-'));
  standIns.work = work;
  const temp = join(work, 'job-temp');
  mkdirSync(temp);

  say(bold('cdpack demo: build-push → scan → update-gitops-tag → set-image → verify-rollout, twice'));
  say(dim(`work dir ${work} (removed at the end, also on Ctrl-C)`));
  say('');
  say(bold('Stand-ins on 127.0.0.1'));
  const registry = await startRegistry();
  standIns.registry = registry;
  say(`  OCI registry        ${registry.url}  (real: docker-registry, distribution 2.x)`);
  const repos = join(work, 'git-repos');
  mkdirSync(repos);
  const gitServer = await startGitServer({ root: repos, user: GIT_USER, password: GIT_TOKEN });
  standIns.gitServer = gitServer;
  const gitopsUrl = gitServer.url('gitops.git');
  say(`  GitOps repository   ${gitopsUrl}  (real: git http-backend over smart HTTP, Basic auth)`);
  const kube = await startFakeKube({ rollout: 'manual' });
  standIns.kube = kube;
  say(
    `  Kubernetes API      ${kube.url}  ${bold('(SIMULATED: a scripted API server, test/support/fake-kube-api.ts, kept honest against kubectl; its pods never run)')}`,
  );
  say(`  Builder             buildah (real, chroot isolation, its storage in the job's temp dir)`);
  const trivy = (await run('sh', ['-c', 'command -v trivy'], { cwd: work })).code === 0;
  say(
    trivy
      ? '  Scanner             Trivy (installed: scans the pushed image)'
      : `  Scanner             ${bold('Trivy is not installed: report mode on a bundled real Trivy report')} (demo/scan/SOURCE.md)`,
  );
  const compose = await startComposeHost(registry);
  if ('reason' in compose) say(dim(`  Docker host         not in this run: ${compose.reason}`));
  else
    say(
      `  Docker host         ssh://${compose.sshd.user}@127.0.0.1:${compose.sshd.port}  (real: sshd, dockerd and docker-compose; set-image target compose)`,
    );

  // The application's repository (each release is one commit) and the GitOps repository Argo CD would sync.
  const image = `${registry.host}/demo/web`;
  const { app } = await createDemoRepos({ work, demoDir: DEMO, image, gitopsBare: join(repos, 'gitops.git'), git });

  // The cluster: deployment/web running 0.9.0.
  kube.create(deploymentManifest({ image: `${image}:0.9.0` }));
  setDeploymentStatus(kube, 'web', { updated: 3, available: 3 });
  const broken = new Set<string>();
  const crashLog = `${readFileSync(join(DEMO, 'broken/start.sh'), 'utf8').includes('DATABASE_URL') ? 'starting web\npanic: missing DATABASE_URL\n' : ''}`;
  standIns.controller = startController(kube, broken, crashLog);
  const kubeconfig = readFileSync(await kube.kubeconfig(), 'utf8');

  const releases: Release[] = [
    { name: 'release-1', label: 'release 1 (good)' },
    { name: 'release-2', label: 'release 2 (broken on purpose)' },
  ];
  for (const release of releases) {
    const isBroken = release.name === 'release-2';
    say('');
    say(bold(`${release.label}`));
    if (isBroken) copyFileSync(join(DEMO, 'broken/start.sh'), join(app, 'start.sh'));
    await git(app, 'add', 'Dockerfile', 'index.html', 'start.sh');
    await git(app, 'commit', '--quiet', '-m', isBroken ? 'web: read DATABASE_URL at start' : 'web: first release');
    release.appCommit = await git(app, 'rev-parse', 'HEAD');
    const ci = {
      CI_PROJECT_DIR: app,
      CI_COMMIT_SHA: release.appCommit,
      CI_COMMIT_BRANCH: 'main',
      CI_COMMIT_REF_NAME: 'main',
      CDPACK_TEMP: temp,
    };
    const bad = (s: StepResult) => `\n${tail(s.output)}`;

    // 1. build-push
    const build = await step(
      work,
      release.name,
      'build-push',
      { image, builder: 'buildah', 'tls-verify': 'false', context: '.', tags: 'type=short-sha' },
      ci,
      app,
    );
    release.digest = build.out('digest');
    release.imageRef = build.out('image-ref');
    const built = check(
      build.code === 0 && /^sha256:[0-9a-f]{64}$/.test(release.digest ?? ''),
      `${release.name} build-push failed`,
    );
    record({
      release: release.name,
      step: 'build-push',
      ms: build.ms,
      digest: release.digest,
      commit: release.appCommit,
      verdict: built ? `pushed ${image}:${shortSha(release.appCommit).slice(0, 7)}` : 'FAILED',
      ok: built,
    });
    if (!built) return fail(bad(build));
    check(
      release.imageRef === `${image}@${release.digest}`,
      `${release.name}: image-ref ${release.imageRef} does not carry the digest`,
    );
    if (isBroken) broken.add(release.digest as string);

    // 2. scan
    const scanInputs: Record<string, string> = trivy
      ? { image: release.imageRef as string, 'severity-threshold': 'high' }
      : {
          report: join(DEMO, 'scan/trivy-busybox-with-lockfile.json'),
          'ignore-file': join(DEMO, 'scan/allowlist.yaml'),
          'severity-threshold': 'high',
        };
    const scan = await step(work, release.name, 'scan', scanInputs, ci, app);
    const verdict = scan.out('verdict');
    const scanned = check(scan.code === 0 && verdict === 'pass', `${release.name} scan did not pass`);
    record({
      release: release.name,
      step: 'scan',
      ms: scan.ms,
      digest: trivy ? release.digest : undefined,
      commit: release.appCommit,
      verdict: `${verdict ?? 'FAILED'} (high ${scan.out('high') ?? '?'}, medium ${scan.out('medium') ?? '?'}, suppressed ${scan.out('suppressed') ?? '?'})${trivy ? '' : ' [bundled report]'}`,
      ok: scanned,
    });
    if (!scanned) return fail(bad(scan));

    // 3. update-gitops-tag
    const bump = await step(
      work,
      release.name,
      'update-gitops-tag',
      {
        repository: gitopsUrl,
        username: GIT_USER,
        token: GIT_TOKEN,
        files: 'apps/*/overlays/prod/kustomization.yaml',
        image,
        // As the pipeline component wires it: the full commit SHA (the tag build-push always pushes, $CI_COMMIT_SHA)
        // and build-push's digest.
        tag: release.appCommit,
        digest: release.digest as string,
      },
      ci,
      app,
    );
    release.gitopsCommit = bump.out('commit');
    const overlay = await git(work, '--git-dir', join(repos, 'gitops.git'), 'show', `main:${DEMO_OVERLAY}`);
    const bumped = check(
      bump.code === 0 &&
        bump.out('changed') === 'true' &&
        !!release.gitopsCommit &&
        overlay.includes(release.digest as string),
      `${release.name} update-gitops-tag did not commit the digest`,
    );
    record({
      release: release.name,
      step: 'update-gitops-tag',
      ms: bump.ms,
      digest: release.digest,
      commit: release.gitopsCommit,
      verdict: bumped ? 'committed and pushed the overlay' : 'FAILED',
      ok: bumped,
    });
    if (!bumped) return fail(bad(bump));

    // 4. set-image. The pipeline component runs update-gitops-tag or set-image (its `deploy` input); the demo runs
    // both, set-image standing in for the GitOps controller it does not have, wired as `deploy: kubernetes` is:
    // build-push's image-ref, and verify-rollout without update-gitops-tag's commit as `revision`.
    const set = await step(
      work,
      release.name,
      'set-image',
      { image: release.imageRef as string, workload: 'deployment/web', namespace: 'default', kubeconfig },
      ci,
      app,
    );
    const running = kube.get('deployment', 'web').spec.template.spec.containers[0].image;
    const patched = check(
      set.code === 0 && set.out('changed') === 'true' && running === release.imageRef,
      `${release.name} set-image did not point deployment/web at the digest`,
    );
    record({
      release: release.name,
      step: 'set-image',
      ms: set.ms,
      digest: release.digest,
      commit: release.gitopsCommit,
      verdict: patched ? `deployment/web → revision ${set.out('revision') ?? '?'} (simulated cluster)` : 'FAILED',
      ok: patched,
    });
    if (!patched) return fail(bad(set));

    // 5. verify-rollout
    const verify = await step(
      work,
      release.name,
      'verify-rollout',
      { workloads: 'deployment/web', namespace: 'default', kubeconfig, timeout: '60s', rollback: 'true' },
      ci,
      app,
    );
    const result = verify.out('result') ?? 'none';
    release.deployed = kube.get('deployment', 'web').spec.template.spec.containers[0].image;
    const diagnosis = verify.out('diagnosis') ?? '';
    const expected = isBroken
      ? verify.code === 1 &&
        result === 'rolled-back' &&
        release.deployed === releases[0]?.imageRef &&
        /CrashLoopBackOff|DATABASE_URL/.test(diagnosis)
      : verify.code === 0 && result === 'success' && release.deployed === release.imageRef;
    check(
      expected,
      isBroken ? 'release-2 was NOT diagnosed and rolled back to release 1' : 'release-1 did not roll out',
    );
    release.verdict = result;
    record({
      release: release.name,
      step: 'verify-rollout',
      ms: verify.ms,
      digest: release.digest,
      commit: release.gitopsCommit,
      verdict: `${result}${isBroken && expected ? ' (as expected), revision ' + (verify.out('revision') ?? '?') : ''}`,
      ok: expected,
    });
    if (isBroken && diagnosis) say(`      diagnosis: ${dim(diagnosis.replace(/\s*\n\s*/g, ' | ').slice(0, 400))}`);
    if (!expected) return fail(bad(verify));

    // 4b. set-image on the Docker host: compose over SSH, real containers; it waits and rolls back itself.
    if (!('reason' in compose)) {
      const deploy = await step(
        work,
        release.name,
        'set-image',
        {
          target: 'compose',
          image: release.imageRef as string,
          host: '127.0.0.1',
          port: String(compose.sshd.port),
          user: compose.sshd.user,
          'ssh-key': compose.sshd.clientKey,
          'known-hosts': compose.sshd.knownHosts,
          'compose-file': compose.file,
          service: 'web',
          timeout: '60s',
        },
        ci,
        app,
        '-compose',
      );
      const composeResult = deploy.out('result') ?? 'none';
      const composeRunning = compose.runningImage();
      release.composeVerdict = composeResult;
      const ok = isBroken
        ? deploy.code === 1 && composeResult === 'rolled-back' && composeRunning === releases[0]?.imageRef
        : deploy.code === 0 && composeResult === 'success' && composeRunning === release.imageRef;
      check(
        ok,
        isBroken ? 'release-2 was NOT rolled back on the Docker host' : 'release-1 did not come up on the Docker host',
      );
      record({
        release: release.name,
        step: 'set-image compose',
        ms: deploy.ms,
        digest: release.digest,
        commit: release.appCommit,
        verdict: `${composeResult}${isBroken && ok ? ' (as expected: the container exited, release 1 runs again)' : ''} (real dockerd over SSH)`,
        ok,
      });
      if (!ok) return fail(bad(deploy));
    }
  }

  say('');
  say(bold('Final state'));
  const deployed = kube.get('deployment', 'web').spec.template.spec.containers[0].image;
  say(
    table(
      ['release', 'app commit', 'image digest', 'gitops commit', 'verify-rollout', 'running after', 'compose host'],
      releases.map((r) => [
        r.label,
        shortSha(r.appCommit),
        shortDigest(r.digest),
        shortSha(r.gitopsCommit),
        r.verdict ?? '-',
        r.deployed === releases[0]?.imageRef ? 'release 1' : shortDigest(r.deployed?.split('@')[1]),
        r.composeVerdict ?? 'not run',
      ]),
    ),
  );
  say('');
  say(`deployment/web runs ${deployed} ${dim('(simulated cluster)')}`);
  say(
    dim(
      'Note: the GitOps overlay still names release 2; on a real setup the next pipeline (or a revert) bumps it back.',
    ),
  );
  const totals = new Map<string, number>();
  for (const row of timeline) totals.set(row.step, (totals.get(row.step) ?? 0) + row.ms);
  say(dim(`time per step (both releases): ${[...totals].map(([s, ms]) => `${s} ${seconds(ms)}`).join(', ')}`));
  say(
    `${problems.length ? red('DEMO FAILED') : green('DEMO OK')}: ${timeline.length} steps, wall time ${seconds(Date.now() - wall)}`,
  );
  for (const p of problems) say(red(`  - ${p}`));
  return problems.length ? 1 : 0;
}

function fail(details: string): number {
  say(details);
  say(red(`DEMO FAILED: ${problems.join('; ')}`));
  return 1;
}

let code = 1;
try {
  code = await main();
} catch (error) {
  say(red(`DEMO FAILED: ${(error as Error).stack ?? String(error)}`));
  code = 1;
} finally {
  await cleanUp();
}
process.exit(code);
