import type { ActionSpec } from './types';

/** set-image's inputs for Docker hosts (`target: compose` and `target: swarm`). */
export const dockerHostInputs: ActionSpec['inputs'] = {
  target: {
    description:
      'Where the image goes: `kubernetes` (workloads through the API), `compose` (a compose project on `host`, over SSH) or `swarm` (swarm services, through the docker CLI here or on `host`).',
    default: 'kubernetes',
    options: ['kubernetes', 'compose', 'swarm'],
  },
  host: {
    description:
      'compose, swarm: SSH host name or IP of the Docker host (for swarm a manager node; without it, swarm uses the docker CLI here).',
  },
  port: { description: 'compose, swarm: SSH port.', default: '22', type: 'number' },
  user: { description: 'compose, swarm: SSH user (allowed to run docker on the host).' },
  'ssh-key': {
    description:
      'compose, swarm: private key for SSH (OpenSSH or PEM, no passphrase). Written to a 0600 temp file that is removed afterwards.',
    secret: true,
    document: true,
  },
  'known-hosts': {
    description:
      "compose, swarm: the host's public key(s) in known_hosts format (`ssh-keyscan -p PORT HOST`); a bare `ssh-ed25519 AAAA…` line applies to `host`. Required unless `insecure-ignore-host-key`.",
    document: true,
  },
  'insecure-ignore-host-key': {
    description: 'compose, swarm: connect without checking the host key (warns; open to man-in-the-middle attacks).',
    default: 'false',
    type: 'boolean',
  },
  'compose-file': { description: 'compose: path of the compose file on the host (required for compose).' },
  'project-directory': {
    description:
      "compose: the project directory on the host (`--project-directory`; its `.env` is the one edited). Default: the compose file's directory.",
  },
  service: {
    description:
      "compose: service(s) to update (default: every service whose image is in `image`'s repository); swarm: service name(s), required. Newline- or comma-separated.",
    type: 'list',
  },
  'docker-host': {
    description:
      'compose, swarm: DOCKER_HOST for the docker CLI, on `host` when given, else here (`unix:///…`, `tcp://…`); `ssh://user@host[:port]` stands for host, user and port (with `ssh-key` and `known-hosts`).',
  },
  timeout: {
    description:
      'compose, swarm: longest wait for the new containers to run (and be healthy, with a healthcheck), and again for a rollback; a Go duration (`90s`, `5m`).',
    default: '5m',
  },
};
