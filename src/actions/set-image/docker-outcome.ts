/** What set-image reports for Docker-host targets: the same outputs as for Kubernetes, plus `result`. */
import { sanitizeLine } from '../../core/rollout/sanitize';
import { escapeMarkdown, markdownDiagnosis } from '../../core/text/markdown';
import type { Platform } from '../../platform/types';

export type Result = 'success' | 'failed' | 'rolled-back';

export interface ServiceResult {
  service: string;
  previous: string;
  image: string;
}

export interface DockerOutcome {
  changed: boolean;
  results: ServiceResult[];
  result: Result;
  /** Why it failed, line by line (first line: the verdict); empty on success. */
  diagnosis: string[];
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Writes the outputs and the summary, then fails the step unless the result is success. */
export async function reportDockerOutcome(
  platform: Platform,
  target: string,
  where: string,
  outcome: DockerOutcome,
  dryRun: boolean,
): Promise<void> {
  const first = outcome.results.find((r) => r.previous !== r.image) ?? outcome.results[0];
  platform.setOutput('changed', String(outcome.changed));
  platform.setOutput('previous-image', first?.previous ?? '');
  platform.setOutput('revision', '');
  platform.setOutput(
    'workloads',
    JSON.stringify(
      outcome.results.map((r) => ({ workload: r.service, container: r.service, previous: r.previous, image: r.image })),
    ),
  );
  platform.setOutput('result', outcome.result);
  if (outcome.diagnosis.length > 0) {
    platform.info('Diagnosis:');
    for (const line of outcome.diagnosis) platform.info(line);
  }
  const icon = { success: '✅', failed: '❌', 'rolled-back': '↩️' }[outcome.result];
  const rows = outcome.results.map(
    (r) =>
      `| ${escapeMarkdown(r.service)} | ${escapeMarkdown(r.previous)} | ${escapeMarkdown(r.image)} | ${r.previous === r.image ? 'unchanged' : dryRun ? 'would change (dry run)' : outcome.result} |`,
  );
  const lines = [
    '### cdpack set-image',
    '',
    `${icon} **${outcome.result}**: ${target} on ${escapeMarkdown(where)}`,
    '',
    '| Service | Before | After | |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ];
  lines.push(...markdownDiagnosis(outcome.diagnosis.map((line) => sanitizeLine(line.trimStart(), 300))));
  await platform.summary(lines.join('\n'));
  if (outcome.result !== 'success') {
    const reason = sanitizeLine(outcome.diagnosis[0] ?? 'the new containers did not come up', 300);
    platform.fail(`${outcome.result === 'rolled-back' ? 'rolled back: ' : ''}${reason}`);
  }
}
