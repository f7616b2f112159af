import { InputError } from '../../core/errors';
import { parseGoDuration } from '../../core/rollout/duration';
import { type BodyMatcher, parseBodyMatcher } from '../../core/rollout/smoke';
import { parseWorkloadRef, uniqueRefs, type WorkloadRef } from '../../core/rollout/workload';
import { parseBoolean, parseInteger, parseList, type RawInputs } from '../../inputs/read';
import { checkCommitId } from '../../tools/git-commit-source';
import type { KubeInputs } from '../kube-connection';
import type { GitopsRollbackSettings } from './gitops-rollback';

export interface Settings extends KubeInputs {
  workloads: WorkloadRef[];
  timeoutMs: number;
  rollback: boolean;
  /** Set when a failure is rolled back by reverting `revision` in the config repository. */
  gitopsRollback: GitopsRollbackSettings | undefined;
  smoke: { urls: string[]; status: number; body: BodyMatcher | undefined; retries: number; intervalMs: number };
}

const namespaceRe = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

function duration(name: string, text: string, minMs: number, maxMs: number): number {
  const ms = parseGoDuration(text);
  if (ms === undefined) throw new InputError(name, `'${text}' is not a duration: expected e.g. 90s, 5m, 1h30m, 500ms`);
  if (ms < minMs || ms > maxMs)
    throw new InputError(name, `'${text}' is out of range (${minMs / 1000}s to ${maxMs / 3_600_000}h)`);
  return ms;
}

/** Validates every input before anything is read from the cluster. */
export function parseSettings(raw: RawInputs): Settings {
  const get = (name: string) => raw[name] ?? '';
  const workloads = uniqueRefs(
    parseList(get('workloads')).map((w) =>
      parseWorkloadRef('workloads', w, ['Deployment', 'StatefulSet', 'DaemonSet', 'Rollout']),
    ),
  );
  if (workloads.length === 0) throw new InputError('workloads', 'name at least one workload, e.g. deployment/web');
  const namespace = get('namespace');
  if (namespace && (!namespaceRe.test(namespace) || namespace.length > 63)) {
    throw new InputError('namespace', `'${namespace}' is not a namespace name (lowercase RFC 1123 label)`);
  }
  const urls = parseList(get('smoke-url'));
  for (const url of urls) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    if (!parsed || !['http:', 'https:'].includes(parsed.protocol)) {
      throw new InputError('smoke-url', `'${url}' is not an http(s) URL`);
    }
  }
  const rollback = parseBoolean('rollback', get('rollback'));
  const revision = get('revision');
  const gitopsRollback =
    rollback && revision
      ? {
          revision: checkCommitId('revision', revision),
          repository: get('repository'),
          branch: get('branch') || 'main',
          token: get('token'),
          username: get('username') || 'x-access-token',
        }
      : undefined;
  return {
    workloads,
    gitopsRollback,
    kubeconfig: get('kubeconfig'),
    context: get('context'),
    namespace,
    timeoutMs: duration('timeout', get('timeout') || '5m', 1000, 24 * 3_600_000),
    rollback,
    smoke: {
      urls,
      status: parseInteger('smoke-status', get('smoke-status') || '200', 100, 599),
      body: parseBodyMatcher('smoke-body', get('smoke-body')),
      retries: parseInteger('smoke-retries', get('smoke-retries') || '3', 0, 100),
      intervalMs: duration('smoke-interval', get('smoke-interval') || '5s', 0, 3_600_000),
    },
  };
}
