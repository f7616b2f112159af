/**
 * What a cancelled job must not leave behind. A cancelled GitHub job, a GitLab job timeout or a
 * Ctrl-C sends SIGTERM/SIGINT; Node would exit at once, leaving the tools we started running and
 * temporary credentials on disk (on a GitLab shell executor /tmp outlives the job). The entry points
 * install `handleTerminationSignals()`; tools register their children and temporary files here.
 *
 * Children are spawned detached, so each leads its own process group: a group kill also reaches what
 * the tool started (buildah's helpers, git's remote helpers, credential plugins).
 */
import type { ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import { CdpackError } from '../../core/errors';

type Cleanup = () => void;

const cleanups = new Set<Cleanup>();
/** Process groups we started, by group id (the leader's pid); kept while any member lives. */
const groups = new Set<number>();
let stoppingOn: NodeJS.Signals | undefined;

/** Thrown when a tool would start while cdpack is stopping on a signal. */
export class StoppingError extends CdpackError {
  override name = 'StoppingError';
  constructor(readonly signal: NodeJS.Signals) {
    super(`cdpack is stopping (${signal}); no further tool is started`);
  }
}

/** The signal cdpack is stopping on, if any. */
export function stoppingSignal(): NodeJS.Signals | undefined {
  return stoppingOn;
}

/**
 * Registers a synchronous cleanup (removing a temporary dir that may hold credentials) to run when
 * the process stops on a signal or exits with it still registered; returns its removal.
 */
export function onCleanup(fn: Cleanup): () => void {
  cleanups.add(fn);
  return () => {
    cleanups.delete(fn);
  };
}

/** Sends `signal` to a process group; false when the group no longer exists. */
function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Tracks the process group of a child spawned with `detached: true`. The group outlives its leader
 * while anything the tool started still runs (a shell's background job, a helper), so it is
 * forgotten only once it is empty.
 */
export function trackChild(child: ChildProcess): void {
  const pgid = child.pid;
  if (pgid === undefined) return;
  groups.add(pgid);
  child.once('exit', () => {
    if (!signalGroup(pgid, 0)) groups.delete(pgid);
  });
  // Spawned in the instant the stop began: it does not get to run.
  if (stoppingOn) signalGroup(pgid, 'SIGKILL');
}

/** Signals every tracked process group (0: only checks them); returns how many still exist. */
export function killChildren(signal: NodeJS.Signals | 0): number {
  for (const pgid of groups) if (!signalGroup(pgid, signal)) groups.delete(pgid);
  return groups.size;
}

/** Runs and forgets every registered cleanup; one failing does not stop the others. */
export function runCleanups(): void {
  for (const fn of [...cleanups].reverse()) {
    cleanups.delete(fn);
    try {
      fn();
    } catch {}
  }
}

/** Resolves once every tracked group is empty, or after `ms`. */
async function groupsGone(ms: number, hurry: Promise<void>): Promise<void> {
  const deadline = Date.now() + ms;
  let hurried = false;
  void hurry.then(() => {
    hurried = true;
  });
  while (killChildren(0) > 0 && Date.now() < deadline && !hurried) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export interface SignalHandlingOptions {
  /** How long children get to stop after the signal before SIGKILL (default 5 s). */
  graceMs?: number;
  /** Where the one line about the stop goes (default stderr). */
  report?: (message: string) => void;
  /** Ends the process (default process.exit). */
  exit?: (code: number) => void;
}

/**
 * On SIGTERM/SIGINT: signal the children's process groups, wait up to the grace period, SIGKILL what
 * is left, run the cleanups, exit with 128 + the signal's number (143, 130). A second signal skips the
 * wait. On any exit, children still tracked are killed and cleanups still registered run.
 */
export function handleTerminationSignals(options: SignalHandlingOptions = {}): () => void {
  const graceMs = options.graceMs ?? 5000;
  const report = options.report ?? ((m: string) => process.stderr.write(`${m}\n`));
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let hurry: () => void = () => {};
  const hurried = new Promise<void>((resolve) => {
    hurry = resolve;
  });

  const onSignal = async (signal: NodeJS.Signals) => {
    if (stoppingOn) {
      hurry();
      return;
    }
    stoppingOn = signal;
    const code = 128 + (constants.signals[signal] ?? 15);
    process.exitCode = code;
    // SIGTERM whatever we received: a shell's background jobs ignore SIGINT, every tool stops on TERM.
    const running = killChildren('SIGTERM');
    report(`cdpack: received ${signal}; stopping ${running} tool process group(s) and removing temporary credentials`);
    await groupsGone(graceMs, hurried);
    killChildren('SIGKILL');
    runCleanups();
    exit(code);
  };
  const onExit = () => {
    killChildren('SIGKILL');
    runCleanups();
    if (stoppingOn) process.exitCode = 128 + (constants.signals[stoppingOn] ?? 15);
  };
  const listeners = (['SIGTERM', 'SIGINT'] as const).map((signal) => {
    const listener = () => void onSignal(signal);
    process.on(signal, listener);
    return [signal, listener] as const;
  });
  process.on('exit', onExit);
  return () => {
    for (const [signal, listener] of listeners) process.off(signal, listener);
    process.off('exit', onExit);
  };
}
