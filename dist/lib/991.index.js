export const id = 991;
export const ids = [991];
export const modules = {

/***/ 7991:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  main: () => (/* binding */ main)
});

// EXTERNAL MODULE: ./src/actions/catalog.ts
var catalog = __webpack_require__(6648);
// EXTERNAL MODULE: ./src/actions/run-action.ts
var run_action = __webpack_require__(1737);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: ./src/core/text/control.ts
var control = __webpack_require__(5778);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
;// CONCATENATED MODULE: ./src/platform/dotenv.ts
/**
 * The `--dotenv` report a GitLab job hands to later jobs (`artifacts:reports:dotenv`), written so that GitLab takes
 * it and later jobs read back exactly what the step output:
 * - GitLab expands `$NAME` in dotenv values (they are stored as non-raw job variables): an output that quotes a pod
 *   message or a file name with `$CI_JOB_TOKEN` in it would otherwise reach the next job with that secret's value in
 *   it. Every `$` is written as `$$`, which GitLab (and gitlab-ci-local) read back as one `$`.
 * - GitLab refuses a report over 5120 bytes (the `dotenv_size` plan limit, the same on every tier), and the refused
 *   upload fails the job. When the outputs do not fit, the largest are left out (each named in a warning), so the
 *   small ones later jobs wire on (digest, image-ref, commit, result) always arrive.
 * The file is rewritten at every output, so a step that fails half-way still leaves what it had set.
 */

/** GitLab's `dotenv_size` limit (bytes), the same on every plan. */
const DOTENV_MAX_BYTES = 5120;
/** One `KEY=value` line as GitLab must read it back: `$` doubled (GitLab's escape for a literal `$`). */
function dotenvLine(key, value) {
    return `${key}=${value.split('$').join('$$')}\n`;
}
class DotenvReport {
    file;
    warn;
    maxBytes;
    /** key → [output name, line], in the order the outputs were set (the order the file shows them). */
    lines = new Map();
    leftOut = new Set();
    constructor(file, warn, maxBytes = DOTENV_MAX_BYTES) {
        this.file = file;
        this.warn = warn;
        this.maxBytes = maxBytes;
        (0,external_node_fs_.writeFileSync)(file, '');
    }
    set(key, output, value) {
        this.lines.set(key, { output, line: dotenvLine(key, value) });
        // Smallest first: with the outputs so far, keep every line that fits. A line left out stays out (a later output
        // can only push larger lines out, never bring one back), so each is warned about once.
        const bySize = [...this.lines].sort(([, a], [, b]) => Buffer.byteLength(a.line) - Buffer.byteLength(b.line));
        const kept = new Set();
        let used = 0;
        for (const [k, { output: name, line }] of bySize) {
            const bytes = Buffer.byteLength(line);
            if (used + bytes <= this.maxBytes) {
                used += bytes;
                kept.add(k);
            }
            else if (!this.leftOut.has(k)) {
                this.leftOut.add(k);
                this.warn(`output '${name}' (${bytes} bytes) is left out of the dotenv report ${this.file}: GitLab refuses a report ` +
                    `over ${this.maxBytes} bytes (and fails the job); later jobs do not get ${k}, the job log has the value`);
            }
        }
        const text = [...this.lines]
            .filter(([k]) => kept.has(k))
            .map(([, { line }]) => line)
            .join('');
        (0,external_node_fs_.writeFileSync)(this.file, text);
    }
}

// EXTERNAL MODULE: ./src/platform/masker.ts
var platform_masker = __webpack_require__(436);
;// CONCATENATED MODULE: ./src/platform/cli.ts




/** `CDPACK_<INPUT>`, upper-cased, hyphens as underscores: the variable an input is read from. */
function envName(name) {
    return `CDPACK_${name.toUpperCase().replace(/-/g, '_')}`;
}
/**
 * `CDPACK_<STEP>_<OUTPUT>`: the dotenv key of an output. GitLab gives dotenv variables precedence over job
 * variables, so an output named like an input (`CDPACK_DIGEST`) would silently replace that input in every later
 * job that `needs:` this one; the step prefix keeps the two namespaces apart (scripts/generate.ts checks it).
 */
function outputEnvName(step, output) {
    return envName(`${step}-${output}`);
}
/** A terminal or a GitLab job: inputs from flags then CDPACK_* env, outputs as name=value lines. */
function cliPlatform(options) {
    const { env, out, err } = options;
    const masker = new platform_masker/* Masker */.G();
    const gitlab = env.GITLAB_CI === 'true';
    // Masked, then control characters escaped: ESC and CR from a report or a repository cannot hide
    // or overwrite lines or fake a GitLab section marker; only group() writes those, around escaped text.
    // Run inside a GitHub job (a `run:` step), the runner reads our stderr for workflow commands too.
    const githubJob = env.GITHUB_ACTIONS === 'true';
    const say = (m) => {
        const text = (0,control/* escapeControl */.hN)(masker.mask(m));
        return githubJob ? text.split('\n').map(control/* neutraliseWorkflowCommand */.pb).join('\n') : text;
    };
    let sectionId = 0;
    let failed = false;
    const dotenv = options.dotenv ? new DotenvReport(options.dotenv, (m) => err(`warning: ${say(m)}`)) : undefined;
    // A repository file name may hold a CR or ESC too (git allows both). No prefix when the message
    // already starts with the location (a FileError's does).
    const where = (w, m) => {
        const at = w ? `${w.file}${w.line ? `:${w.line}` : ''}: ` : '';
        return !w || m.startsWith(at) ? '' : `${(0,control/* escapeControlLine */.HZ)(say(w.file))}${w.line ? `:${w.line}` : ''}: `;
    };
    let lastError;
    return {
        name: 'cli',
        env,
        tempDir: env.RUNNER_TEMP || env.CDPACK_TEMP || (0,external_node_os_.tmpdir)(),
        workspace: env.CI_PROJECT_DIR || process.cwd(),
        input: (name) => options.flags[name] ?? env[envName(name)] ?? '',
        setOutput(name, value) {
            if (/[\r\n]/.test(value))
                throw new Error(`output '${name}' must be a single line`);
            out(`${name}=${value}`);
            dotenv?.set(outputEnvName(options.step, name), name, value);
        },
        setSecret: (value) => masker.add(value),
        info: (m) => err(say(m)),
        debug: (m) => {
            if (env.CDPACK_DEBUG === 'true' || env.CI_DEBUG_TRACE === 'true')
                err(`debug: ${say(m)}`);
        },
        warn: (m, w) => err(`warning: ${where(w, m)}${say(m)}`),
        error: (m, w) => {
            lastError = m;
            err(`error: ${where(w, m)}${say(m)}`);
        },
        async group(title, fn) {
            const id = `cdpack_${++sectionId}`;
            const now = () => Math.floor(Date.now() / 1000);
            const shown = (0,control/* escapeControlLine */.HZ)(say(title));
            err(gitlab ? `\x1b[0Ksection_start:${now()}:${id}[collapsed=true]\r\x1b[0K${shown}` : `== ${shown}`);
            try {
                return await fn();
            }
            finally {
                if (gitlab)
                    err(`\x1b[0Ksection_end:${now()}:${id}\r\x1b[0K`);
            }
        },
        async summary(markdown) {
            err(say(markdown));
        },
        fail(m) {
            failed = true;
            if (m !== lastError)
                err(`error: ${say(m)}`); // already printed by error() with its location
        },
        get failed() {
            return failed;
        },
    };
}

// EXTERNAL MODULE: ./src/version.ts + 1 modules
var version = __webpack_require__(1013);
;// CONCATENATED MODULE: ./src/cli/args.ts

/**
 * `--name value`, `--name=value`; a boolean input given bare (`--dry-run`) means true.
 * Unknown flags are errors that list the known ones.
 */
function parseArgs(spec, argv) {
    const flags = {};
    let dotenv;
    let help = false;
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === '--help' || arg === '-h') {
            help = true;
            continue;
        }
        if (!arg.startsWith('--'))
            throw new Error(`unexpected argument '${arg}'; inputs are given as --<input> <value>`);
        const eq = arg.indexOf('=');
        const name = arg.slice(2, eq > 0 ? eq : undefined);
        const input = spec.inputs[name];
        if (name !== 'dotenv' && !input) {
            throw new Error(`unknown option '--${name}' for ${spec.name}; known: ${Object.keys(spec.inputs).join(', ')}, dotenv`);
        }
        let value;
        if (eq > 0)
            value = arg.slice(eq + 1);
        else if (input?.type === 'boolean' && (argv[i + 1] === undefined || argv[i + 1].startsWith('--')))
            value = 'true';
        else {
            const next = argv[i + 1];
            if (next === undefined)
                throw new Error(`option '--${name}' needs a value`);
            value = next;
            i++;
        }
        if (name === 'dotenv')
            dotenv = value;
        else
            flags[name] = value;
    }
    return { flags, dotenv, help };
}
/** `cdpack <action> --help`, generated from the action's spec. */
function actionHelp(spec) {
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

;// CONCATENATED MODULE: ./src/cli/main.ts





const usage = `usage: cdpack <action> [--<input> <value>]... [--dotenv <file>]
       cdpack --version

Actions:
${Object.values(catalog/* actions */.o)
    .map((a) => `  ${a.spec.name.padEnd(20)}${a.spec.description}`)
    .join('\n')}

Run 'cdpack <action> --help' for its inputs and outputs.`;
/** The CLI: `cdpack <action> --flag …`; returns the exit code. */
async function main(argv, env) {
    const [name, ...rest] = argv;
    const out = (line) => process.stdout.write(`${line}\n`);
    const err = (line) => process.stderr.write(`${line}\n`);
    if (name === '--version' || name === '-V') {
        out(version/* CDPACK_VERSION */.U);
        return 0;
    }
    if (!name || name === '--help' || name === '-h' || name === 'help') {
        out(usage);
        return name ? 0 : 1;
    }
    const entry = catalog/* actions */.o[name];
    if (!entry) {
        err(`error: unknown action '${name}'\n\n${usage}`);
        return 1;
    }
    let parsed;
    try {
        parsed = parseArgs(entry.spec, rest);
    }
    catch (error) {
        err(`error: ${error.message}`);
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
    await (0,run_action/* runAction */.Cs)(platform, entry.run);
    return platform.failed ? 1 : 0;
}


/***/ }),

/***/ 1013:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  U: () => (/* binding */ CDPACK_VERSION)
});

;// CONCATENATED MODULE: ./package.json
const package_namespaceObject = {"rE":"0.1.0"};
;// CONCATENATED MODULE: ./src/version.ts

/** cdpack's version, from package.json only: ncc inlines it, so bundles never read package.json at run time. */
const CDPACK_VERSION = package_namespaceObject.rE;


/***/ })

};
