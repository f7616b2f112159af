// The stand-ins both flows of bench/whole-flow.ts run against, all on 127.0.0.1 and started here: a real OCI
// registry (docker-registry), a real git smart-HTTP server (git http-backend) holding the GitOps repository, and
// the scripted Kubernetes API (test/support/fake-kube-api.ts) with a simulated deployment controller, the way
// scripts/demo.ts sets them up. Also the application repository each release commits to.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDemoRepos, DEMO_OVERLAY } from '../../test/support/demo-repos';
import { type FakeKube, startFakeKube } from '../../test/support/fake-kube-api';
import { deploymentManifest, setDeploymentStatus } from '../../test/support/fake-kube-workloads';
import { type GitServer, startGitServer } from '../../test/support/git-http-server';
import { startRegistry, type TestRegistry } from '../../test/support/registry';
import { jobEnv, runTimed, tailOf } from './process';

export const GIT_USER = 'bench-bot';
export const GIT_TOKEN = 'bench-git-token-not-a-secret';
export const OVERLAY = DEMO_OVERLAY;

export interface StandIns {
  /** Temp dir of the whole benchmark (removed by stop()). */
  work: string;
  registry: TestRegistry;
  gitServer: GitServer;
  gitopsUrl: string;
  /** The GitOps repository's bare directory behind the git server. */
  gitopsBare: string;
  kube: FakeKube;
  /** A kubeconfig file for the scripted API server (token and CA). */
  kubeconfig: string;
  /** The application repository (demo/app plus a static busybox), the build context of both flows. */
  app: string;
  /** `<registry>/demo/web`. */
  image: string;
  /** The job temp dir both flows' builders work in. */
  jobTemp: string;
  stop(): Promise<void>;
}

export async function git(cwd: string, ...args: string[]): Promise<string> {
  const r = await runTimed('git', ['-c', 'user.name=bench', '-c', 'user.email=bench@example.com', ...args], {
    cwd,
    env: jobEnv(),
  });
  if (r.code !== 0) throw new Error(`git ${args.join(' ')} failed: ${tailOf(r.output, 5)}`);
  return r.output.trim();
}

/**
 * The simulated deployment controller (the fake runs in `manual` rollout mode): a new generation of deployment/web
 * is at once 1 of 3 pods updated, and complete `rolloutMs` later. Both flows wait on this same rollout.
 */
function startController(kube: FakeKube, rolloutMs: number): () => void {
  let handled = kube.get('deployment', 'web')?.metadata?.generation ?? 0;
  let complete: NodeJS.Timeout | undefined;
  const poll = setInterval(() => {
    const generation = kube.get('deployment', 'web')?.metadata?.generation ?? 0;
    if (generation === handled) return;
    handled = generation;
    if (complete) clearTimeout(complete);
    setDeploymentStatus(kube, 'web', { replicas: 4, updated: 1, available: 3 });
    complete = setTimeout(() => {
      if (kube.get('deployment', 'web')?.metadata?.generation === generation) {
        setDeploymentStatus(kube, 'web', { updated: 3, available: 3 });
      }
    }, rolloutMs);
  }, 20);
  return () => {
    clearInterval(poll);
    if (complete) clearTimeout(complete);
  };
}

export async function startStandIns(root: string, rolloutMs: number): Promise<StandIns> {
  const work = mkdtempSync(join(tmpdir(), 'cdpack-bench-flow-'));
  const stops: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    for (const s of stops.reverse()) await Promise.resolve(s()).catch(() => undefined);
    // BENCH_KEEP_WORK=1 keeps the runs' logs and dotenv files to read afterwards.
    if (process.env.BENCH_KEEP_WORK === '1') console.log(`work dir kept: ${work}`);
    else rmSync(work, { recursive: true, force: true });
  };
  try {
    const registry = await startRegistry();
    stops.push(() => registry.stop());
    const repos = join(work, 'git-repos');
    mkdirSync(repos);
    const gitServer = await startGitServer({ root: repos, user: GIT_USER, password: GIT_TOKEN });
    stops.push(() => gitServer.close());
    const kube = await startFakeKube({ rollout: 'manual' });
    stops.push(() => kube.close());
    const image = `${registry.host}/demo/web`;

    // The application and GitOps repositories, as the demo makes them.
    const gitopsBare = join(repos, 'gitops.git');
    const { app } = await createDemoRepos({ work, demoDir: join(root, 'demo'), image, gitopsBare, git });

    // The cluster: deployment/web running 0.9.0, and its controller.
    kube.create(deploymentManifest({ image: `${image}:0.9.0` }));
    setDeploymentStatus(kube, 'web', { updated: 3, available: 3 });
    stops.push(startController(kube, rolloutMs));

    const jobTemp = join(work, 'job-temp');
    mkdirSync(jobTemp);
    return {
      work,
      registry,
      gitServer,
      gitopsUrl: gitServer.url('gitops.git'),
      gitopsBare,
      kube,
      kubeconfig: await kube.kubeconfig(),
      app,
      image,
      jobTemp,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

export interface Release {
  sha: string;
  /** CI_COMMIT_SHORT_SHA: GitLab's is 8 characters. */
  shortSha: string;
}

/** A new commit of the application (its page names the run), so every run builds and pushes a fresh tag. */
export async function newRelease(s: StandIns, label: string): Promise<Release> {
  writeFileSync(join(s.app, 'index.html'), `<!doctype html>\n<title>web</title>\n<p>release ${label}</p>\n`);
  await git(s.app, 'add', 'Dockerfile', 'index.html', 'start.sh');
  await git(s.app, 'commit', '--quiet', '-m', `web: release ${label}`);
  const sha = await git(s.app, 'rev-parse', 'HEAD');
  return { sha, shortSha: sha.slice(0, 8) };
}

/** What is wrong after a flow shipped `digest` (empty when the registry, the GitOps repo and the cluster agree). */
export async function problemsAfter(s: StandIns, digest: string | undefined): Promise<string[]> {
  if (!digest || !/^sha256:[0-9a-f]{64}$/.test(digest)) return [`no digest (got '${digest ?? ''}')`];
  const problems: string[] = [];
  const manifest = await fetch(`${s.registry.url}/v2/demo/web/manifests/${digest}`, {
    method: 'HEAD',
    headers: {
      accept: 'application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json',
    },
  });
  if (manifest.status !== 200) problems.push(`the registry answers ${manifest.status} for ${digest}`);
  const overlay = await git(s.work, '--git-dir', s.gitopsBare, 'show', `main:${OVERLAY}`);
  if (!overlay.includes(digest)) problems.push('the GitOps overlay does not name the digest');
  const d = s.kube.get('deployment', 'web');
  const running = d?.spec?.template?.spec?.containers?.[0]?.image;
  if (running !== `${s.image}@${digest}`) problems.push(`deployment/web runs ${running}`);
  if (d?.status?.updatedReplicas !== 3 || d?.status?.observedGeneration !== d?.metadata?.generation) {
    problems.push('deployment/web has not finished rolling out');
  }
  return problems;
}
