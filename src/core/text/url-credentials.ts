/**
 * Credentials written into a repository URL, whatever its shape: `https://user:token@host/x.git`,
 * a token as user name (`https://token@host/x.git`), user-info that is not valid URL syntax
 * (`http://user:pa/ss@host/x.git`, where a URL parser would stop at the first `/`), the scp form
 * (`user:secret@host:x.git`) and percent-encoded secrets (`p%40ss`, which git sends as `p@ss`).
 */
export interface RedactedUrl {
  /** The URL without its user-info when that holds a secret (else unchanged). */
  shown: string;
  /** Values to mask in every log line: the user-info, the password, and their decoded forms. */
  secrets: string[];
}

const SCHEME = /^([a-z][a-z0-9+.-]*:\/\/)(.*)$/is;
/** Schemes where a user name alone (`ssh://git@host`) is a login name, not a token. */
const SSH_SCHEMES = /^(ssh|git\+ssh|ssh\+git):\/\/$/i;

function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function secretsOf(userinfo: string, userAloneIsSecret: boolean): string[] {
  const colon = userinfo.indexOf(':');
  if (colon < 0 && !userAloneIsSecret) return [];
  const secret = colon < 0 ? userinfo : userinfo.slice(colon + 1);
  // git and curl split a malformed URL differently (at the first `@`, at the first `/`) and
  // print what they took for the host: every piece of the secret is masked on its own too.
  const whole = [userinfo, secret].flatMap((p) => [p, decoded(p)]);
  const pieces = [secret, decoded(secret)].flatMap((p) => p.split(/[@/?#]/)).filter((p) => p.length >= 4);
  return [...new Set([...whole, ...pieces].filter((p) => p !== ''))];
}

/**
 * Finds the user-info by the last `@` (in a scheme URL, anywhere: a malformed password may hold
 * `/`, `?` or `#`; in the scp form, before the first `/`), so redaction never stops early. It
 * may hide a little more than the user-info in an odd URL; it never shows less.
 */
export function redactCredentials(url: string): RedactedUrl {
  const scheme = SCHEME.exec(url);
  if (scheme) {
    const [, prefix = '', rest = ''] = scheme;
    const at = rest.lastIndexOf('@');
    if (at < 0) return { shown: url, secrets: [] };
    const secrets = secretsOf(rest.slice(0, at), !SSH_SCHEMES.test(prefix));
    return secrets.length ? { shown: `${prefix}${rest.slice(at + 1)}`, secrets } : { shown: url, secrets };
  }
  const slash = url.indexOf('/');
  const head = slash < 0 ? url : url.slice(0, slash);
  const at = head.lastIndexOf('@');
  if (at < 0) return { shown: url, secrets: [] };
  // scp form: `git@host:path` names a login; only `user:secret@` carries a secret.
  const secrets = secretsOf(url.slice(0, at), false);
  return secrets.length ? { shown: url.slice(at + 1), secrets } : { shown: url, secrets };
}
