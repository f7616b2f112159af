/** set-image for `target: compose | swarm`: connect (SSH or the local docker CLI), run the flow, report. */
import type { RawInputs } from '../../inputs/read';
import type { Platform } from '../../platform/types';
import { type HostRunner, localRunner, sshRunner } from '../../tools/docker-host/runner';
import { maskMultiline } from '../../tools/kube/exec-credential';
import { SshSession } from '../../tools/ssh';
import { composeSetImage } from './compose';
import { reportDockerOutcome } from './docker-outcome';
import { parseDockerHostSettings } from './docker-settings';
import { swarmSetImage } from './swarm';

export async function setImageOnDockerHost(platform: Platform, raw: RawInputs): Promise<void> {
  // The key is masked whole by readInputs; logs show text line by line, so each of its lines too.
  if (raw['ssh-key']) maskMultiline((v) => platform.setSecret(v), raw['ssh-key']);
  const settings = parseDockerHostSettings(raw);
  for (const w of settings.warnings) platform.warn(w);
  const runner: HostRunner = settings.ssh
    ? sshRunner(await SshSession.open(settings.ssh, platform.tempDir), settings.dockerHost)
    : localRunner(settings.dockerHost);
  try {
    const outcome =
      settings.target === 'compose'
        ? await composeSetImage(platform, settings, runner)
        : await swarmSetImage(platform, settings, runner);
    await reportDockerOutcome(platform, settings.target, runner.description, outcome, settings.dryRun);
  } finally {
    await runner.close();
  }
}
