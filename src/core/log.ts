/** The logging port every core function receives. Platforms implement it (and mask secrets). */
export interface Log {
  info(message: string): void;
  warn(message: string, where?: { file: string; line?: number }): void;
  debug(message: string): void;
  /** Runs `fn` inside a foldable section of the log. */
  group<T>(title: string, fn: () => Promise<T>): Promise<T>;
}

export const silentLog: Log = {
  info() {},
  warn() {},
  debug() {},
  group: (_title, fn) => fn(),
};
