/** Errors of the Kubernetes client, and the one place where text from the API server is made safe to print. */
import { CdpackError } from '../../core/errors';

const maxMessageLength = 500;

/**
 * Text from outside (an API server's Status message, a plugin's stderr) made safe for a log line: control
 * characters escaped, length capped.
 */
export function safeText(text: string, max = maxMessageLength): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: escaping control characters is the point
  const escaped = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) =>
    c === '\n' ? '\\n' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return escaped.length > max ? `${escaped.slice(0, max)}… (${escaped.length - max} more characters)` : escaped;
}

/** An answer of the API server that is not a success: its HTTP status and the Status object's reason and message. */
export class KubeApiError extends CdpackError {
  override name = 'KubeApiError';
  constructor(
    readonly status: number,
    /** The Status object's `reason` (NotFound, Forbidden, Conflict, Expired, ...), or '' when it gave none. */
    readonly reason: string,
    /** The Status object's message, sanitised and capped. */
    readonly detail: string,
    readonly method: string,
    readonly path: string,
  ) {
    super(
      `${method} ${safeText(path, 200)}: ${detail || reason || 'no message'} (HTTP ${status}${reason ? ` ${reason}` : ''})`,
    );
  }
}

/** A kubeconfig (or in-cluster credential) that cannot be used; names the file or input it came from. */
export class KubeConfigError extends CdpackError {
  override name = 'KubeConfigError';
}

/** An exec credential plugin that failed or answered something unusable. */
export class ExecPluginError extends CdpackError {
  override name = 'ExecPluginError';
}
