import { actions } from '../actions/catalog';
import { runAction } from '../actions/run-action';
import { cliPlatform, envName } from '../platform/cli';
import { CDPACK_VERSION } from '../version';
import { actionHelp, parseArgs } from './args';

const usage = `usage: cdpack <action> [--<input> <value>]... [--dotenv <file>]
       cdpack --version

Actions:
${Object.values(actions)
  .map((a) => `  ${a.spec.name.padEnd(20)}${a.spec.description}`)
  .join('\n')}

Run 'cdpack <action> --help' for its inputs and outputs.`;

/** The CLI: `cdpack <action> --flag …`; returns the exit code. */
export async function main(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<number> {
  const [name, ...rest] = argv;
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const err = (line: string) => process.stderr.write(`${line}\n`);
  if (name === '--version' || name === '-V') {
    out(CDPACK_VERSION);
    return 0;
  }
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    out(usage);
    return name ? 0 : 1;
  }
  const entry = actions[name];
  if (!entry) {
    err(`error: unknown action '${name}'\n\n${usage}`);
    return 1;
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs(entry.spec, rest);
  } catch (error) {
    err(`error: ${(error as Error).message}`);
    return 1;
  }
  if (parsed.help) {
    out(actionHelp(entry.spec));
    return 0;
  }
  for (const name of Object.keys(parsed.flags)) {
    if (entry.spec.inputs[name]?.secret) {
      err(`warning: --${name} on the command line is visible to other processes; prefer the ${envName(name)} variable`);
    }
  }
  const platform = cliPlatform({ step: entry.spec.name, flags: parsed.flags, dotenv: parsed.dotenv, env, out, err });
  await runAction(platform, entry.run);
  return platform.failed ? 1 : 0;
}
