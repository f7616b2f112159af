/**
 * Rollout scenarios shared by every client that judges a rollout: `kubectl rollout status` (the
 * referee, test/e2e/kube-fake-vs-kubectl.test.ts checks it gives `kubectl`'s verdict below) and
 * cdpack's verify-rollout (which must reach the same `result`). Each scenario says how to set up
 * the fake API server, how to drive it once the client watches, and kubectl's verdict.
 *
 * Run one with any client: `runScenario(scenario, client)`. The client gets a kubeconfig for a
 * fresh fake, the namespace, the workload (`deployment/web`) and the timeout (`2s`, Go syntax).
 */

import { spawn } from 'node:child_process';
import { type FakeKube, type FakeKubeOptions, type RecordedRequest, startFakeKube } from './fake-kube-api';
import { runKubectl } from './fake-kube-kubectl';
import {
  addPods,
  daemonSetManifest,
  deploymentManifest,
  setDaemonSetStatus,
  setDeploymentStatus,
  setStatefulSetStatus,
  setTemplateImage,
  statefulSetManifest,
} from './fake-kube-workloads';

export interface ScenarioRun {
  fake: FakeKube;
  kubeconfig: string;
  namespace: string;
  /** `kind/name`, e.g. `deployment/web`. */
  workload: string;
  /** A Go duration (`2s`, `30s`). */
  timeout: string;
}

export interface ClientVerdict {
  /** cdpack's `rolled-back` counts as `failed` here: the release did not land. */
  result: 'success' | 'failed';
  /** verify-rollout's `diagnosis` output, when the client has one. */
  diagnosis?: string;
  exitCode?: number;
  /** The last line the client printed (kubectl: its error or its final status line). */
  lastMessage?: string;
  output?: string;
}

export type RolloutClient = (run: ScenarioRun) => Promise<ClientVerdict>;

export interface DriveContext {
  fake: FakeKube;
  /** Aborted once the client has given its verdict: a drive stops waiting then. */
  signal: AbortSignal;
  /** Resolves when the client opens its next watch on the workload's resource. */
  nextWatch(): Promise<RecordedRequest>;
  /** A short pause so the client sees each state (ordering is what matters, not time). */
  pause(ms?: number): Promise<void>;
}

/** What stopped kubectl: used to explain a verdict, not compared between clients. */
export type StopReason = 'complete' | 'deadline-exceeded' | 'timeout' | 'deleted' | 'unsupported-strategy' | 'hangs';

/** How long after its --timeout a client is killed (kubectl does hang in one scenario). */
export const KILL_GRACE_MS = 5_000;

export interface RolloutScenario {
  name: string;
  /** What happens, in a sentence. */
  story: string;
  workload: string;
  namespace: string;
  timeout: string;
  fakeOptions?: FakeKubeOptions;
  /** Seeds the fake before the client starts. */
  setup(fake: FakeKube): void;
  /** Runs while the client works (starts as soon as the client is started). */
  drive?(ctx: DriveContext): Promise<void>;
  kubectl: { result: 'success' | 'failed'; exitCode: number; lastMessage: string; stopReason: StopReason };
  /** What a diagnosis of the failure should mention (for verify-rollout; kubectl prints none). */
  diagnosis?: string[];
}

const TIMED_OUT = 'error: timed out waiting for the condition';

/** v1 rolled out; then the template moved to v2 with `counts` of the new revision. */
function deploymentRollingTo(fake: FakeKube, counts: Parameters<typeof setDeploymentStatus>[2], spec = {}): void {
  fake.create(deploymentManifest({ image: 'registry.example/web:1.0.0', ...spec }));
  setDeploymentStatus(fake, 'web', { updated: 3, available: 3 });
  setTemplateImage(fake, 'deployment', 'web', 'registry.example/web:2.0.0');
  setDeploymentStatus(fake, 'web', counts);
}

function newestReplicaSet(fake: FakeKube): string {
  const rs = fake.revisions('deployment', 'web').at(-1);
  if (!rs) throw new Error('scenario: the deployment has no ReplicaSet');
  return rs.metadata.name;
}

export const rolloutScenarios: RolloutScenario[] = [
  {
    name: 'deployment-complete',
    story: 'The Deployment is already rolled out when the client looks.',
    workload: 'deployment/web',
    namespace: 'default',
    timeout: '30s',
    setup(fake) {
      fake.create(deploymentManifest());
      setDeploymentStatus(fake, 'web', { updated: 3, available: 3 });
    },
    kubectl: {
      result: 'success',
      exitCode: 0,
      lastMessage: 'deployment "web" successfully rolled out',
      stopReason: 'complete',
    },
  },
  {
    name: 'deployment-progresses-then-completes',
    story:
      'Spec not yet observed, then 1/3, 3/3 updated with an old replica pending termination, 2/3 available, then done.',
    workload: 'deployment/web',
    namespace: 'default',
    timeout: '30s',
    setup(fake) {
      deploymentRollingTo(fake, { updated: 0, available: 3, observed: false });
    },
    async drive({ fake, nextWatch, pause }) {
      await nextWatch();
      const states = [
        { updated: 1, available: 3, replicas: 4 },
        { updated: 3, available: 3, replicas: 4 },
        { updated: 3, available: 2, replicas: 3 },
        { updated: 3, available: 3, replicas: 3 },
      ];
      for (const counts of states) {
        await pause();
        setDeploymentStatus(fake, 'web', counts);
      }
    },
    kubectl: {
      result: 'success',
      exitCode: 0,
      lastMessage: 'deployment "web" successfully rolled out',
      stopReason: 'complete',
    },
  },
  {
    name: 'deployment-paused',
    story: 'The Deployment is paused after its template changed: no new ReplicaSet, nothing moves.',
    workload: 'deployment/web',
    namespace: 'default',
    timeout: '2s',
    setup(fake) {
      fake.create(deploymentManifest({ image: 'registry.example/web:1.0.0' }));
      setDeploymentStatus(fake, 'web', { updated: 3, available: 3 });
      fake.update('deployment', 'web', (d) => {
        d.spec.paused = true;
      });
      setTemplateImage(fake, 'deployment', 'web', 'registry.example/web:2.0.0');
      fake.update('deployment', 'web', (d) => {
        d.status.observedGeneration = d.metadata.generation;
        d.status.updatedReplicas = 0;
        d.status.conditions = [
          {
            type: 'Available',
            status: 'True',
            reason: 'MinimumReplicasAvailable',
            message: 'Deployment has minimum availability.',
          },
          { type: 'Progressing', status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' },
        ];
      });
    },
    kubectl: { result: 'failed', exitCode: 1, lastMessage: TIMED_OUT, stopReason: 'timeout' },
    diagnosis: ['paused'],
  },
  {
    name: 'deployment-progress-deadline-exceeded',
    story: 'One new replica comes up unavailable, then the controller reports ProgressDeadlineExceeded.',
    workload: 'deployment/web',
    namespace: 'default',
    timeout: '30s',
    setup(fake) {
      deploymentRollingTo(fake, { updated: 1, available: 3, replicas: 4 });
      addPods(fake, 'replicaset', newestReplicaSet(fake), 1, { kind: 'crash-loop' });
    },
    async drive({ fake, nextWatch, pause }) {
      await nextWatch();
      await pause();
      setDeploymentStatus(fake, 'web', {
        updated: 1,
        available: 3,
        replicas: 4,
        progressing: 'ProgressDeadlineExceeded',
      });
    },
    kubectl: {
      result: 'failed',
      exitCode: 1,
      lastMessage: 'error: deployment "web" exceeded its progress deadline',
      stopReason: 'deadline-exceeded',
    },
    diagnosis: ['CrashLoopBackOff'],
  },
  {
    name: 'deployment-crash-looping',
    story: 'The new pods crash-loop (exit 1): the rollout never completes, kubectl waits until its timeout.',
    workload: 'deployment/web',
    namespace: 'default',
    timeout: '2s',
    setup(fake) {
      deploymentRollingTo(fake, { updated: 1, available: 3, replicas: 4 });
      addPods(fake, 'replicaset', newestReplicaSet(fake), 1, {
        kind: 'crash-loop',
        log: 'starting web 2.0.0\npanic: missing DATABASE_URL\n',
      });
    },
    kubectl: { result: 'failed', exitCode: 1, lastMessage: TIMED_OUT, stopReason: 'timeout' },
    diagnosis: ['CrashLoopBackOff', 'BackOff', 'panic: missing DATABASE_URL'],
  },
  {
    name: 'deployment-image-pull-failure',
    story: 'The new image cannot be pulled (ImagePullBackOff): kubectl waits until its timeout.',
    workload: 'deployment/web',
    namespace: 'default',
    timeout: '2s',
    setup(fake) {
      deploymentRollingTo(fake, { updated: 1, available: 3, replicas: 4 });
      addPods(fake, 'replicaset', newestReplicaSet(fake), 1, { kind: 'image-pull' });
    },
    kubectl: { result: 'failed', exitCode: 1, lastMessage: TIMED_OUT, stopReason: 'timeout' },
    diagnosis: ['ImagePullBackOff', 'Failed to pull image'],
  },
  {
    name: 'deployment-oom-killed',
    story: 'The new pods are OOMKilled and restart in a loop: kubectl waits until its timeout.',
    workload: 'deployment/web',
    namespace: 'default',
    timeout: '2s',
    setup(fake) {
      deploymentRollingTo(fake, { updated: 1, available: 3, replicas: 4 });
      addPods(fake, 'replicaset', newestReplicaSet(fake), 1, {
        kind: 'crash-loop',
        lastReason: 'OOMKilled',
        log: 'loading cache\n',
      });
    },
    kubectl: { result: 'failed', exitCode: 1, lastMessage: TIMED_OUT, stopReason: 'timeout' },
    diagnosis: ['OOMKilled'],
  },
  {
    name: 'deployment-config-error',
    story: 'The new pods cannot start: a referenced Secret is missing (CreateContainerConfigError).',
    workload: 'deployment/web',
    namespace: 'default',
    timeout: '2s',
    setup(fake) {
      deploymentRollingTo(fake, { updated: 1, available: 3, replicas: 4 });
      addPods(fake, 'replicaset', newestReplicaSet(fake), 1, {
        kind: 'config-error',
        message: 'secret "db-credentials" not found',
      });
    },
    kubectl: { result: 'failed', exitCode: 1, lastMessage: TIMED_OUT, stopReason: 'timeout' },
    diagnosis: ['CreateContainerConfigError', 'secret "db-credentials" not found'],
  },
  {
    name: 'deployment-unschedulable',
    story: 'The new pod cannot be scheduled (Insufficient cpu): kubectl waits until its timeout.',
    workload: 'deployment/web',
    namespace: 'default',
    timeout: '2s',
    setup(fake) {
      deploymentRollingTo(fake, { updated: 1, available: 3, replicas: 4 });
      addPods(fake, 'replicaset', newestReplicaSet(fake), 1, {
        kind: 'unschedulable',
        message:
          '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
      });
    },
    kubectl: { result: 'failed', exitCode: 1, lastMessage: TIMED_OUT, stopReason: 'timeout' },
    diagnosis: ['Insufficient cpu'],
  },
  {
    name: 'statefulset-partition',
    story: 'A StatefulSet with partition 2 of 3: done once the one pod above the partition is updated.',
    workload: 'statefulset/db',
    namespace: 'default',
    timeout: '30s',
    setup(fake) {
      fake.create(statefulSetManifest({ partition: 2, image: 'registry.example/db:1.0.0' }));
      setStatefulSetStatus(fake, 'db', { ready: 3, updated: 3, revisionsEqual: true });
      setTemplateImage(fake, 'statefulset', 'db', 'registry.example/db:2.0.0');
      setStatefulSetStatus(fake, 'db', { ready: 3, updated: 0, current: 3 });
    },
    async drive({ fake, nextWatch, pause }) {
      await nextWatch();
      await pause();
      setStatefulSetStatus(fake, 'db', { ready: 2, updated: 0, current: 2 });
      await pause();
      setStatefulSetStatus(fake, 'db', { ready: 3, updated: 1, current: 2 });
    },
    kubectl: {
      result: 'success',
      exitCode: 0,
      lastMessage: 'partitioned roll out complete: 1 new pods have been updated...',
      stopReason: 'complete',
    },
  },
  {
    name: 'statefulset-on-delete',
    story: 'A StatefulSet with the OnDelete strategy: kubectl refuses to judge it.',
    workload: 'statefulset/db',
    namespace: 'default',
    timeout: '30s',
    setup(fake) {
      fake.create(statefulSetManifest({ onDelete: true }));
      setStatefulSetStatus(fake, 'db', { ready: 3, updated: 3, revisionsEqual: true });
    },
    kubectl: {
      result: 'failed',
      exitCode: 1,
      lastMessage: 'error: rollout status is only available for RollingUpdate strategy type',
      stopReason: 'unsupported-strategy',
    },
  },
  {
    name: 'daemonset-rolling',
    story: 'A DaemonSet on 3 nodes: spec not observed, 1/3 updated, 3/3 updated with 2 available, then done.',
    workload: 'daemonset/agent',
    namespace: 'default',
    timeout: '30s',
    setup(fake) {
      fake.create(daemonSetManifest({ image: 'registry.example/agent:1.0.0' }));
      setDaemonSetStatus(fake, 'agent', { desired: 3, updated: 3, available: 3 });
      setTemplateImage(fake, 'daemonset', 'agent', 'registry.example/agent:2.0.0');
      setDaemonSetStatus(fake, 'agent', { desired: 3, updated: 0, available: 3, observed: false });
    },
    async drive({ fake, nextWatch, pause }) {
      await nextWatch();
      for (const counts of [
        { desired: 3, updated: 1, available: 3 },
        { desired: 3, updated: 3, available: 2 },
        { desired: 3, updated: 3, available: 3 },
      ]) {
        await pause();
        setDaemonSetStatus(fake, 'agent', counts);
      }
    },
    kubectl: {
      result: 'success',
      exitCode: 0,
      lastMessage: 'daemon set "agent" successfully rolled out',
      stopReason: 'complete',
    },
  },
  {
    name: 'deployment-deleted-mid-watch',
    story: 'The Deployment is deleted while the client watches its rollout.',
    workload: 'deployment/web',
    namespace: 'default',
    timeout: '30s',
    setup(fake) {
      deploymentRollingTo(fake, { updated: 1, available: 3, replicas: 4 });
    },
    async drive({ fake, nextWatch, pause }) {
      await nextWatch();
      await pause();
      fake.delete('deployment', 'web');
    },
    kubectl: { result: 'failed', exitCode: 1, lastMessage: 'error: object has been deleted', stopReason: 'deleted' },
  },
  {
    name: 'deployment-watch-dropped',
    story: 'The watch connection is cut twice mid-rollout; the rollout completes while no watch is open.',
    workload: 'deployment/web',
    namespace: 'default',
    timeout: '30s',
    setup(fake) {
      deploymentRollingTo(fake, { updated: 1, available: 3, replicas: 4 });
    },
    async drive({ fake, nextWatch, pause }) {
      await nextWatch();
      await pause();
      fake.dropWatches({ mode: 'reset' });
      setDeploymentStatus(fake, 'web', { updated: 2, available: 3, replicas: 4 });
      await nextWatch();
      await pause();
      fake.dropWatches({ mode: 'end' });
      setDeploymentStatus(fake, 'web', { updated: 3, available: 3, replicas: 3 });
    },
    kubectl: {
      result: 'success',
      exitCode: 0,
      lastMessage: 'deployment "web" successfully rolled out',
      stopReason: 'complete',
    },
  },
  {
    name: 'deployment-watch-gone',
    story: 'The watch ends and history is compacted: resuming gets 410 Gone, the client re-lists and sees completion.',
    workload: 'deployment/web',
    namespace: 'default',
    timeout: '30s',
    setup(fake) {
      deploymentRollingTo(fake, { updated: 1, available: 3, replicas: 4 });
    },
    async drive({ fake, nextWatch, pause }) {
      await nextWatch();
      await pause();
      // An event on the open watch first: client-go re-lists instead of resuming after a watch that
      // brought nothing and lasted under a second.
      setDeploymentStatus(fake, 'web', { updated: 2, available: 3, replicas: 4 });
      await pause();
      // In one tick: the watch ends, the rollout completes and the history is compacted, so
      // resuming from the last resourceVersion seen gets 410 Gone.
      fake.dropWatches({ mode: 'end' });
      setDeploymentStatus(fake, 'web', { updated: 3, available: 3, replicas: 3 });
      fake.compact();
    },
    kubectl: {
      result: 'success',
      exitCode: 0,
      lastMessage: 'deployment "web" successfully rolled out',
      stopReason: 'complete',
    },
  },
  {
    name: 'deployment-api-500s',
    story: 'The watch drops and the next 2 requests answer 500; the rollout completes meanwhile.',
    workload: 'deployment/web',
    namespace: 'default',
    timeout: '30s',
    setup(fake) {
      deploymentRollingTo(fake, { updated: 1, available: 3, replicas: 4 });
    },
    async drive({ fake, nextWatch, pause }) {
      await nextWatch();
      await pause();
      fake.inject({ times: 2, answer: { status: 500, message: 'etcdserver: leader changed' } });
      fake.dropWatches({ mode: 'end' });
      setDeploymentStatus(fake, 'web', { updated: 3, available: 3, replicas: 3 });
    },
    kubectl: {
      result: 'success',
      exitCode: 0,
      lastMessage: 'deployment "web" successfully rolled out',
      stopReason: 'complete',
    },
  },
  {
    name: 'deployment-timeout',
    story: 'The rollout stays at 2/3 available with no pod in trouble: the timeout decides.',
    workload: 'deployment/web',
    namespace: 'default',
    timeout: '2s',
    setup(fake) {
      deploymentRollingTo(fake, { updated: 3, available: 2, replicas: 3 });
    },
    kubectl: { result: 'failed', exitCode: 1, lastMessage: TIMED_OUT, stopReason: 'timeout' },
  },
  {
    name: 'deployment-watch-hangs',
    story: 'Watch requests are accepted but never answered: the timeout decides.',
    workload: 'deployment/web',
    namespace: 'default',
    timeout: '2s',
    setup(fake) {
      deploymentRollingTo(fake, { updated: 1, available: 3, replicas: 4 });
      fake.inject({ match: (r) => r.verb === 'watch', answer: 'hang' });
    },
    // kubectl's --timeout does not end a watch request that never answers: kubectl hangs until killed.
    kubectl: {
      result: 'failed',
      exitCode: 137,
      lastMessage: 'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...',
      stopReason: 'hangs',
    },
  },
];

/** Finds a scenario by name (throws for an unknown one). */
export function rolloutScenario(name: string): RolloutScenario {
  const s = rolloutScenarios.find((x) => x.name === name);
  if (!s) throw new Error(`no rollout scenario ${name}`);
  return s;
}

export interface ScenarioOutcome {
  verdict: ClientVerdict;
  /** Every request the client sent (from its first one on). */
  requests: RecordedRequest[];
}

/** Runs one scenario on a fresh fake with `client`, driving the fake alongside. */
export async function runScenario(scenario: RolloutScenario, client: RolloutClient): Promise<ScenarioOutcome> {
  const fake = await startFakeKube({ rollout: 'manual', ...scenario.fakeOptions });
  const stop = new AbortController();
  try {
    scenario.setup(fake);
    const kubeconfig = await fake.kubeconfig({ namespace: scenario.namespace });
    const first = fake.requests.length;
    const resource = scenario.workload.split('/')[0] ?? '';
    let seen = first;
    const aborted = new Promise<never>((_, reject) => {
      stop.signal.addEventListener('abort', () => reject(new Error('scenario over')), { once: true });
    });
    aborted.catch(() => {});
    const ctx: DriveContext = {
      fake,
      signal: stop.signal,
      async nextWatch() {
        const r = await Promise.race([fake.waitForWatch(resource, seen), aborted]);
        seen = r.id + 1;
        return r;
      },
      pause: (ms = 150) => Promise.race([new Promise<void>((resolve) => setTimeout(resolve, ms)), aborted]),
    };
    const driving = (scenario.drive?.(ctx) ?? Promise.resolve()).catch((error: unknown) => {
      if (!stop.signal.aborted) throw error;
    });
    const verdict = await client({
      fake,
      kubeconfig,
      namespace: scenario.namespace,
      workload: scenario.workload,
      timeout: scenario.timeout,
    });
    stop.abort();
    await driving;
    return { verdict, requests: fake.requests.slice(first) };
  } finally {
    stop.abort();
    await fake.close();
  }
}

/** The referee: `kubectl rollout status <workload> --timeout=<timeout>`. */
export const kubectlRolloutStatus: RolloutClient = async (run) => {
  const r = await runKubectl(['rollout', 'status', run.workload, '-n', run.namespace, `--timeout=${run.timeout}`], {
    kubeconfig: run.kubeconfig,
    cacheDir: `${run.fake.dir}/kubectl-cache`,
    killAfterMs: goDurationMs(run.timeout) + KILL_GRACE_MS,
  });
  return {
    result: r.code === 0 ? 'success' : 'failed',
    exitCode: r.code,
    lastMessage: r.lastLine,
    output: `${r.stdout}${r.stderr}`,
  };
};

/** Milliseconds of a Go duration such as `2s`, `1m30s`, `500ms`. */
export function goDurationMs(duration: string): number {
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  for (const [, n, unit] of duration.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g))
    total += Number(n) * (units[unit ?? 's'] ?? 0);
  return total;
}

/**
 * cdpack's `verify-rollout` CLI as a client: `node <cli> verify-rollout --workloads … --namespace …
 * --timeout …`, the kubeconfig through KUBECONFIG. `command` is how to start the CLI: the built
 * `[process.execPath, 'dist/cli/index.js']` or the source `[process.execPath, '--import', TSX_LOADER,
 * CLI_ENTRY]` (test/support/run.ts). Reads the `result=` and `diagnosis=` output lines.
 */
export function verifyRolloutCli(command: string[]): RolloutClient {
  const [file = process.execPath, ...prefix] = command;
  return (run) =>
    new Promise<ClientVerdict>((resolveVerdict, reject) => {
      const args = [
        ...prefix,
        'verify-rollout',
        '--workloads',
        run.workload,
        '--namespace',
        run.namespace,
        '--timeout',
        run.timeout,
      ];
      const env = { PATH: process.env.PATH, HOME: run.fake.dir, KUBECONFIG: run.kubeconfig, NO_COLOR: '1' };
      const child = spawn(file, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let output = '';
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString('utf8');
        output += c.toString('utf8');
      });
      child.stderr.on('data', (c: Buffer) => {
        output += c.toString('utf8');
      });
      const killer = setTimeout(() => child.kill('SIGKILL'), goDurationMs(run.timeout) + KILL_GRACE_MS);
      child.on('error', reject);
      child.on('close', (code, signal) => {
        clearTimeout(killer);
        const result = /^result=(\S+)$/m.exec(stdout)?.[1];
        const diagnosis = /^diagnosis=(.*)$/m.exec(stdout)?.[1];
        const lines = output.split('\n').filter((l) => l.trim() !== '');
        resolveVerdict({
          result: result === 'success' ? 'success' : 'failed',
          exitCode: code ?? (signal === 'SIGKILL' ? 137 : 1),
          lastMessage: lines.at(-1) ?? '',
          output,
          ...(diagnosis !== undefined ? { diagnosis } : {}),
        });
      });
    });
}
