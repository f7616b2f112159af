import type { ActionSpec } from '../inputs/types';
import { outputEnvName } from '../platform/cli';

export interface ParsedArgs {
  flags: Record<string, string>;
  dotenv: string | undefined;
  help: boolean;
}

/**
 * `--name value`, `--name=value`; a boolean input given bare (`--dry-run`) means true.
 * Unknown flags are errors that list the known ones.
 */
export function parseArgs(spec: ActionSpec, argv: readonly string[]): ParsedArgs {
  const flags: Record<string, string> = {};
  let dotenv: string | undefined;
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    if (!arg.startsWith('--')) throw new Error(`unexpected argument '${arg}'; inputs are given as --<input> <value>`);
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq > 0 ? eq : undefined);
    const input = spec.inputs[name];
    if (name !== 'dotenv' && !input) {
      throw new Error(
        `unknown option '--${name}' for ${spec.name}; known: ${Object.keys(spec.inputs).join(', ')}, dotenv`,
      );
    }
    let value: string;
    if (eq > 0) value = arg.slice(eq + 1);
    else if (input?.type === 'boolean' && (argv[i + 1] === undefined || (argv[i + 1] as string).startsWith('--')))
      value = 'true';
    else {
      const next = argv[i + 1];
      if (next === undefined) throw new Error(`option '--${name}' needs a value`);
      value = next;
      i++;
    }
    if (name === 'dotenv') dotenv = value;
    else flags[name] = value;
  }
  return { flags, dotenv, help };
}

/** `cdpack <action> --help`, generated from the action's spec. */
export function actionHelp(spec: ActionSpec): string {
  const width = Math.max(...Object.keys(spec.inputs).map((n) => n.length)) + 4;
  const lines = [
    `cdpack ${spec.name} [--<input> <value>]... [--dotenv <file>]`,
    '',
    spec.description,
    '',
    'Inputs (also read from CDPACK_<INPUT>):',
  ];
  for (const [name, input] of Object.entries(spec.inputs)) {
    const extra = [input.required ? 'required' : '', input.default !== undefined ? `default: ${input.default}` : '']
      .filter(Boolean)
      .join('; ');
    lines.push(`  --${name.padEnd(width)}${input.description}${extra ? ` (${extra})` : ''}`);
  }
  lines.push('', `Outputs (printed as name=value; --dotenv writes ${outputEnvName(spec.name, '<output>')}=value):`);
  for (const [name, output] of Object.entries(spec.outputs))
    lines.push(`  ${name.padEnd(width + 2)}${output.description}`);
  return lines.join('\n');
}
