/** set-image settings for Docker hosts (`target: compose | swarm`), all checked before anything connects. */
import { checkHostPath, checkServiceName, hostDirname, joinHostPath } from '../../core/compose/names';
import { InputError } from '../../core/errors';
import { parseGoDuration } from '../../core/rollout/duration';
import { type DeployImage, parseDeployImage } from '../../core/rollout/image';
import { excerpt } from '../../core/text/control';
import { parseBoolean, parseInteger, parseList, type RawInputs } from '../../inputs/read';
import type { SshTarget } from '../../tools/ssh';

export interface DockerHostSettings {
  target: 'compose' | 'swarm';
  image: DeployImage;
  /** The SSH host; undefined (swarm only) runs the docker CLI here. */
  ssh: SshTarget | undefined;
  /** DOCKER_HOST for the docker CLI (on the SSH host when there is one). */
  dockerHost: string | undefined;
  composeFile: string;
  projectDirectory: string | undefined;
  /** `.env` of the compose project. */
  envFile: string;
  services: string[];
  timeoutMs: number;
  dryRun: boolean;
  /** Warnings to show once the platform logs (e.g. host keys not checked). */
  warnings: string[];
}

const hostnameRe = /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/;
const ipv6Re = /^[0-9A-Fa-f:.]+$/;
const userRe = /^[A-Za-z_][A-Za-z0-9_.-]*\$?$/;

function checkHost(input: string, host: string): string {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (bare.length > 253 || !(hostnameRe.test(bare) || (bare.includes(':') && ipv6Re.test(bare)))) {
    throw new InputError(input, `'${excerpt(bare, 100)}' is not a host name or IP address`);
  }
  return bare;
}

function checkUser(input: string, user: string): string {
  if (!userRe.test(user) || user.length > 64) throw new InputError(input, `'${excerpt(user, 100)}' is not a user name`);
  return user;
}

/** `ssh://[user@]host[:port]` as host, user and port. */
function parseSshUrl(value: string): { host: string; user: string | undefined; port: number | undefined } {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InputError('docker-host', `'${excerpt(value, 100)}' is not a URL`);
  }
  if (url.password || (url.pathname && url.pathname !== '/') || url.search || url.hash) {
    throw new InputError(
      'docker-host',
      'an ssh:// docker-host takes only [user@]host[:port] (the key goes in ssh-key)',
    );
  }
  return {
    host: checkHost('docker-host', url.hostname),
    user: url.username ? checkUser('docker-host', decodeURIComponent(url.username)) : undefined,
    port: url.port ? Number(url.port) : undefined,
  };
}

export function parseDockerHostSettings(raw: RawInputs): DockerHostSettings {
  const get = (name: string) => raw[name] ?? '';
  const target = get('target') as 'compose' | 'swarm';
  const warnings: string[] = [];
  const image = parseDeployImage('image', get('image'), parseBoolean('allow-mutable-tag', get('allow-mutable-tag')));

  const dockerHostRaw = get('docker-host');
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\x00-\x1f\x7f\s]/.test(dockerHostRaw))
    throw new InputError('docker-host', 'contains white space or control characters');
  if (dockerHostRaw && !/^(unix|tcp|ssh|npipe|fd):\/\//.test(dockerHostRaw)) {
    throw new InputError(
      'docker-host',
      `'${excerpt(dockerHostRaw, 100)}' is not a docker host (unix://, tcp://, ssh://)`,
    );
  }
  const fromUrl = dockerHostRaw.startsWith('ssh://') ? parseSshUrl(dockerHostRaw) : undefined;
  const dockerHost = fromUrl ? undefined : dockerHostRaw || undefined;

  const hostInput = get('host');
  let host = hostInput ? checkHost('host', hostInput) : undefined;
  if (fromUrl) {
    if (host && host !== fromUrl.host)
      throw new InputError('docker-host', `names host '${fromUrl.host}' but input 'host' is '${host}'`);
    host = fromUrl.host;
  }
  let ssh: SshTarget | undefined;
  if (host) {
    const userInput = get('user');
    const user = userInput ? checkUser('user', userInput) : fromUrl?.user;
    if (!user) throw new InputError('user', `is required to connect to ${host}`);
    const port =
      get('port') && get('port') !== '22' ? parseInteger('port', get('port'), 1, 65535) : (fromUrl?.port ?? 22);
    const privateKey = get('ssh-key');
    if (!privateKey.trim()) throw new InputError('ssh-key', `is required to connect to ${host}`);
    if (!/PRIVATE KEY-----/.test(privateKey)) {
      throw new InputError('ssh-key', 'expected a private key (-----BEGIN OPENSSH PRIVATE KEY----- …)');
    }
    const insecure = parseBoolean('insecure-ignore-host-key', get('insecure-ignore-host-key'));
    const knownHosts = get('known-hosts');
    if (!knownHosts.trim() && !insecure) {
      throw new InputError(
        'known-hosts',
        `is required to check ${host}'s host key (e.g. the output of ssh-keyscan -p ${port} ${host}), unless insecure-ignore-host-key is true`,
      );
    }
    if (knownHosts.trim() && insecure) {
      warnings.push(
        'insecure-ignore-host-key is ignored: known-hosts is given, and the host key is checked against it',
      );
    } else if (insecure) {
      warnings.push(
        `the host key of ${host} is NOT checked (insecure-ignore-host-key): anyone in the path can pose as the host`,
      );
    }
    ssh = { host, port, user, privateKey, knownHosts: knownHosts.trim() ? knownHosts : undefined };
  }

  const services = parseList(get('service')).map((s) => checkServiceName('service', s));
  let composeFile = '';
  let projectDirectory: string | undefined;
  if (target === 'compose') {
    if (!ssh) throw new InputError('host', 'is required for target compose (the host that runs the compose project)');
    if (!get('compose-file'))
      throw new InputError('compose-file', 'is required for target compose (its path on the host)');
    composeFile = checkHostPath('compose-file', get('compose-file'));
    projectDirectory = get('project-directory')
      ? checkHostPath('project-directory', get('project-directory'))
      : undefined;
  } else if (services.length === 0) {
    throw new InputError('service', 'name the swarm service(s) to update');
  }
  const timeoutText = get('timeout') || '5m';
  const timeoutMs = parseGoDuration(timeoutText);
  if (timeoutMs === undefined || timeoutMs < 1000 || timeoutMs > 24 * 3_600_000) {
    throw new InputError('timeout', `'${timeoutText}' is not a duration from 1s to 24h (e.g. 90s, 5m)`);
  }
  return {
    target,
    image,
    ssh,
    dockerHost,
    composeFile,
    projectDirectory,
    envFile: joinHostPath(projectDirectory ?? hostDirname(composeFile), '.env'),
    services: [...new Set(services)],
    timeoutMs,
    dryRun: parseBoolean('dry-run', get('dry-run')),
    warnings,
  };
}
