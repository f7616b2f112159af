export const id = 303;
export const ids = [303];
export const modules = {

/***/ 4303:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  setImageAction: () => (/* binding */ setImageAction)
});

// EXTERNAL MODULE: ./src/core/errors.ts
var errors = __webpack_require__(4296);
// EXTERNAL MODULE: ./src/core/rollout/argo-rollout.ts
var argo_rollout = __webpack_require__(60);
// EXTERNAL MODULE: ./src/core/image/reference.ts
var reference = __webpack_require__(7600);
;// CONCATENATED MODULE: ./src/core/rollout/image.ts
/** The image rules of set-image: a parseable reference, pinned by tag or digest unless mutable tags are allowed. */


function parseDeployImage(input, text, allowMutableTag) {
    const parsed = (0,reference/* parseReference */.F2)(text);
    if (!parsed.ok)
        throw new errors/* InputError */.dz(input, `'${text}' is not an image reference (${parsed.reason})`);
    const { tag, digest, name } = parsed.ref;
    if (!allowMutableTag && !digest) {
        if (!tag) {
            throw new errors/* InputError */.dz(input, `'${text}' has no tag or digest; pin it (e.g. :<commit-sha> or @sha256:…) or set allow-mutable-tag`);
        }
        if (tag === 'latest') {
            throw new errors/* InputError */.dz(input, `'${text}' uses the mutable tag 'latest'; pin a tag or digest, or set allow-mutable-tag`);
        }
    }
    return { reference: text, repository: (0,reference/* normalizeName */.Pc)(name) };
}
/**
 * The repository of an image string found in a workload, normalised like docker does, or the string itself when it
 * is not a reference (so it never equals a valid one).
 */
function repositoryOf(image) {
    const { name } = (0,reference/* splitImage */.s5)(image);
    return (0,reference/* parseReference */.F2)(name).ok ? (0,reference/* normalizeName */.Pc)(name) : image;
}

;// CONCATENATED MODULE: ./src/core/rollout/containers.ts
/** Which containers of a workload set-image changes, and the strategic merge patch `kubectl set image` sends. */


/** Field path of the pod spec: CronJobs nest it in the job template. */
function podSpecPath(kind) {
    return kind === 'CronJob' ? ['spec', 'jobTemplate', 'spec', 'template', 'spec'] : ['spec', 'template', 'spec'];
}
function podSpecOf(kind, object) {
    let node = object;
    for (const key of podSpecPath(kind))
        node = node && typeof node === 'object' ? node[key] : undefined;
    return node && typeof node === 'object' ? node : {};
}
/**
 * The containers to point at `image`: the named ones, or by default every container and init container whose
 * image repository equals `image`'s. Unchanged ones (already on `image`) are included with previous === image.
 */
function selectContainers(workload, spec, image, names) {
    const all = [
        ...(spec.initContainers ?? []).map((c) => ({ list: 'initContainers', c })),
        ...(spec.containers ?? []).map((c) => ({ list: 'containers', c })),
    ];
    const found = () => all.length
        ? all.map(({ list, c }) => `${c.name}${list === 'initContainers' ? ' (init)' : ''}=${c.image ?? ''}`).join(', ')
        : 'none';
    const toChange = (x) => ({
        list: x.list,
        name: x.c.name,
        previous: x.c.image ?? '',
        image: image.reference,
    });
    if (names.length > 0) {
        return names.map((name) => {
            const match = all.find((x) => x.c.name === name);
            if (!match)
                throw new errors/* InputError */.dz('container', `${workload} has no container '${name}'; containers found: ${found()}`);
            return toChange(match);
        });
    }
    const matching = all.filter((x) => repositoryOf(x.c.image ?? '') === image.repository);
    if (matching.length === 0) {
        throw new errors/* CdpackError */.xd(`${workload}: no container runs ${image.repository}; containers found: ${found()} (name them with the 'container' input)`);
    }
    // An init container and a container may share a name in no valid pod spec, so names identify entries.
    return matching.map(toChange);
}
/**
 * The body of `kubectl set image` (a two-way strategic merge patch between the object and the object with the
 * new images), keys in Go's sorted order, plus the change-cause annotation when given. Only containers whose
 * image changes appear; `$setElementOrder` lists every container of that list, in order.
 */
function setImagePatch(kind, spec, changes, changeCause) {
    const podPatch = {};
    const lists = ['containers', 'initContainers'];
    for (const list of lists) {
        const changed = changes.filter((c) => c.list === list && c.previous !== c.image);
        if (changed.length === 0)
            continue;
        podPatch[`$setElementOrder/${list}`] = (spec[list] ?? []).map((c) => ({ name: c.name }));
    }
    for (const list of lists) {
        const changed = changes.filter((c) => c.list === list && c.previous !== c.image);
        if (changed.length === 0)
            continue;
        // kubectl lists the changed containers in their pod-spec order.
        const order = (spec[list] ?? []).map((c) => c.name);
        podPatch[list] = [...changed]
            .sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name))
            .map((c) => ({ image: c.image, name: c.name }));
    }
    if (Object.keys(podPatch).length === 0)
        return undefined;
    let body = podPatch;
    for (const key of [...podSpecPath(kind)].reverse())
        body = { [key]: body };
    if (changeCause)
        body = { metadata: { annotations: { 'kubernetes.io/change-cause': changeCause } }, ...body };
    return body;
}
/** Applies the changes to a copy of the object the way the API server merges the patch (for dry runs and tests). */
function withImages(kind, object, changes) {
    const copy = structuredClone(object);
    const spec = podSpecOf(kind, copy);
    for (const change of changes) {
        const target = (spec[change.list] ?? []).find((c) => c.name === change.name);
        if (target)
            target.image = change.image;
    }
    return copy;
}

// EXTERNAL MODULE: ./src/core/rollout/revision.ts
var rollout_revision = __webpack_require__(1432);
// EXTERNAL MODULE: ./src/core/rollout/workload.ts
var workload = __webpack_require__(5420);
// EXTERNAL MODULE: ./src/core/text/markdown.ts
var markdown = __webpack_require__(8970);
// EXTERNAL MODULE: ./src/inputs/read.ts
var read = __webpack_require__(4245);
// EXTERNAL MODULE: ./src/inputs/set-image.ts + 1 modules
var set_image = __webpack_require__(377);
// EXTERNAL MODULE: ./src/actions/kube-connection.ts + 3 modules
var kube_connection = __webpack_require__(5541);
// EXTERNAL MODULE: ./src/core/rollout/sanitize.ts
var sanitize = __webpack_require__(3634);
// EXTERNAL MODULE: ./src/tools/exec.ts
var tools_exec = __webpack_require__(2122);
;// CONCATENATED MODULE: ./src/tools/docker-host/runner.ts
/**
 * Where the docker CLI of a Docker-host target runs: here (a local or `DOCKER_HOST` engine) or on the host over
 * ssh. Either way commands are argument arrays; over ssh each argument is quoted for the remote shell.
 */



/** The docker CLI on this machine; `dockerHost` becomes DOCKER_HOST when given. */
function localRunner(dockerHost) {
    const env = dockerHost ? { DOCKER_HOST: dockerHost } : {};
    const exec = async (argv, options = {}) => {
        const [file, ...args] = argv;
        if (!file)
            throw new errors/* CdpackError */.xd('empty command');
        return (0,tools_exec/* execTool */.w)(file, args, { env, ...options });
    };
    return {
        description: dockerHost ? `docker engine ${dockerHost}` : 'local docker engine',
        remote: false,
        exec,
        docker: exec,
        close: async () => { },
    };
}
/** The docker CLI on the ssh host; `dockerHost` becomes DOCKER_HOST there (through `env`). */
function sshRunner(session, dockerHost) {
    return {
        description: session.description,
        remote: true,
        exec: (argv, options) => session.run(argv, options),
        docker: (argv, options) => session.run(dockerHost ? ['env', `DOCKER_HOST=${dockerHost}`, ...argv] : argv, options),
        close: () => session.close(),
    };
}
/** The command's error output, last lines, control characters escaped: for error messages. */
function failureText(r) {
    const text = (r.stderr.trim() || r.stdout.trim()).split('\n').slice(-3).join(' | ');
    return (0,sanitize/* sanitizeLine */.g)(text, 500) || `exit code ${r.code}`;
}

// EXTERNAL MODULE: ./src/tools/kube/exec-credential.ts
var exec_credential = __webpack_require__(848);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/tools/process/temp.ts
var process_temp = __webpack_require__(4867);
;// CONCATENATED MODULE: ./src/tools/shell-quote.ts
/**
 * Quoting for a POSIX shell. ssh always hands the remote side one command line that the login shell parses, so
 * every argument of a remote command goes through `quotePosix`: inside single quotes nothing is special except
 * the single quote itself, which is closed, escaped and reopened (`'\''`). The result is one literal word.
 */
/** Characters that never need quoting (Python's shlex.quote set). */
const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;
function quotePosix(arg) {
    // A NUL cannot be passed in any argument; refuse rather than truncate.
    if (arg.includes('\0'))
        throw new Error('an argument for a remote command contains a NUL character');
    if (arg !== '' && SAFE.test(arg))
        return arg;
    return `'${arg.replaceAll("'", `'\\''`)}'`;
}
/** An argument array as one command line for a POSIX shell: each argument arrives as itself. */
function posixCommandLine(argv) {
    if (argv.length === 0)
        throw new Error('empty remote command');
    return argv.map(quotePosix).join(' ');
}

;// CONCATENATED MODULE: ./src/tools/ssh.ts
/**
 * The `ssh` client with an argument array: a private key and known-hosts from the inputs in a 0700 temp dir
 * (files 0600) that is removed afterwards, host keys checked strictly, the user's ssh config ignored.
 * Remote commands are argument arrays too: ssh hands the remote login shell one line, built by posixCommandLine.
 */







class SshError extends errors/* CdpackError */.xd {
    name = 'SshError';
}
/** Key types a bare public-key line (no host pattern) can start with. */
const keyTypeRe = /^(ssh-ed25519|ssh-rsa|ssh-dss|ecdsa-sha2-nistp\d+|sk-ssh-ed25519@openssh\.com|sk-ecdsa-sha2-nistp256@openssh\.com)\s/;
/** The known_hosts file: lines given as bare keys (`ssh-ed25519 AAAA…`) get the target's host pattern. */
function knownHostsFile(knownHosts, host, port) {
    const pattern = port === 22 ? host : `[${host}]:${port}`;
    return `${knownHosts
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '')
        .map((l) => (keyTypeRe.test(l) ? `${pattern} ${l}` : l))
        .join('\n')}\n`;
}
/** ssh's options for a target (file paths in `dir`); the command line follows. */
function sshArgs(target, keyFile, knownHostsPath) {
    const o = (option) => ['-o', option];
    return [
        '-F',
        'none',
        '-T',
        ...o('BatchMode=yes'),
        ...o('IdentitiesOnly=yes'),
        ...o(`IdentityFile=${keyFile}`),
        ...o('IdentityAgent=none'),
        ...(knownHostsPath
            ? [...o('StrictHostKeyChecking=yes'), ...o(`UserKnownHostsFile=${knownHostsPath}`)]
            : [...o('StrictHostKeyChecking=no'), ...o('UserKnownHostsFile=/dev/null')]),
        ...o('GlobalKnownHostsFile=/dev/null'),
        ...o('UpdateHostKeys=no'),
        ...o('ForwardAgent=no'),
        ...o('ClearAllForwardings=yes'),
        ...o('PermitLocalCommand=no'),
        ...o('ConnectTimeout=30'),
        ...o('ServerAliveInterval=15'),
        ...o('ServerAliveCountMax=4'),
        ...o('LogLevel=ERROR'),
        '-p',
        String(target.port),
        '-l',
        target.user,
        '--',
        target.host,
    ];
}
/** What ssh itself (exit 255) said went wrong, in words a user can act on. */
function describeSshFailure(target, stderr) {
    const where = `${target.user}@${target.host}:${target.port}`;
    if (/REMOTE HOST IDENTIFICATION HAS CHANGED|Host key verification failed|No .* host key is known/i.test(stderr)) {
        return `ssh to ${where}: the host key does not match known-hosts (host key verification failed); nothing was run`;
    }
    if (/Permission denied/i.test(stderr))
        return `ssh to ${where}: the key was refused (Permission denied)`;
    if (/Load key|invalid format|incorrect passphrase|bad permissions/i.test(stderr)) {
        return `ssh to ${where}: input 'ssh-key' could not be used (an unencrypted OpenSSH or PEM private key is expected)`;
    }
    if (/Connection refused|timed out|Could not resolve|No route|Network is unreachable/i.test(stderr)) {
        return `ssh to ${where}: cannot connect (${lastLine(stderr)})`;
    }
    return `ssh to ${where} failed: ${lastLine(stderr)}`;
}
function lastLine(text) {
    return (0,sanitize/* sanitizeLine */.g)(text.trim().split('\n').pop() ?? '') || 'no message';
}
/** An ssh connection target with its key files on disk; `close()` removes them. */
class SshSession {
    target;
    dir;
    args;
    constructor(target, dir, args) {
        this.target = target;
        this.dir = dir;
        this.args = args;
    }
    /** Writes the key (and known_hosts) to a 0700 temp dir that is removed by `close()`, or on SIGTERM/SIGINT. */
    static async open(target, tempParent) {
        const temp = await (0,process_temp/* temporaryDir */.F)(tempParent, 'cdpack-ssh-');
        try {
            await (0,promises_.chmod)(temp.dir, 0o700);
            const keyFile = (0,external_node_path_.join)(temp.dir, 'id');
            const key = target.privateKey.replace(/\r\n/g, '\n').trim();
            await (0,promises_.writeFile)(keyFile, `${key}\n`, { mode: 0o600 });
            let knownHostsPath;
            if (target.knownHosts !== undefined) {
                knownHostsPath = (0,external_node_path_.join)(temp.dir, 'known_hosts');
                await (0,promises_.writeFile)(knownHostsPath, knownHostsFile(target.knownHosts, target.host, target.port), { mode: 0o600 });
            }
            return new SshSession(target, temp, sshArgs(target, keyFile, knownHostsPath));
        }
        catch (e) {
            await temp.dispose();
            throw e;
        }
    }
    get description() {
        return `${this.target.user}@${this.target.host}:${this.target.port}`;
    }
    /**
     * Runs `argv` on the host; every argument arrives as itself. Exit code 255 is ssh's own failure (connection,
     * host key, authentication) and throws; any other code is the remote command's.
     */
    async run(argv, options = {}) {
        const r = await (0,tools_exec/* execTool */.w)('ssh', [...this.args, posixCommandLine(argv)], options);
        if (r.code === 255)
            throw new SshError(describeSshFailure(this.target, r.stderr));
        return r;
    }
    async close() {
        await this.dir.dispose();
    }
}

;// CONCATENATED MODULE: ./src/core/compose/containers.ts
/**
 * When the containers of a compose service count as up: each runs the expected image and is running; with a
 * healthcheck, healthy; without one, still running (same start, no restart) after a settling time, so a
 * process that exits at once is not taken for a success. Fed with `docker inspect` output over time.
 */


/** Default settling time for containers without a healthcheck. */
const SETTLE_MS = 5000;
/** Two references name the same image (`nginx:1` = `docker.io/library/nginx:1`; no tag = `latest`). */
function sameImage(a, b) {
    if (a === b)
        return true;
    const canon = (text) => {
        const n = (0,reference/* normalizeReference */.tO)(text);
        if (!n.ok)
            return text;
        const tag = n.ref.tag ?? (n.ref.digest ? undefined : 'latest');
        return `${n.ref.name}${tag ? `:${tag}` : ''}${n.ref.digest ? `@${n.ref.digest}` : ''}`;
    };
    return canon(a) === canon(b);
}
function nameOf(c) {
    return (0,sanitize/* sanitizeLine */.g)((c.Name ?? c.Id.slice(0, 12)).replace(/^\//, ''), 100);
}
/** Tracks one wait: call `observe` with the service's containers at each poll. */
class ContainerWatch {
    expectedImage;
    settleMs;
    /** Container id + StartedAt → first time it was seen running. */
    runningSince = new Map();
    constructor(
    /** undefined: any image (a rollback to an image that could not be resolved). */
    expectedImage, settleMs = SETTLE_MS) {
        this.expectedImage = expectedImage;
        this.settleMs = settleMs;
    }
    observe(containers, now) {
        if (containers.length === 0)
            return { state: 'pending', detail: 'no container yet' };
        const pending = [];
        for (const c of containers) {
            const name = nameOf(c);
            const image = c.Config?.Image ?? '';
            if (this.expectedImage !== undefined && !sameImage(image, this.expectedImage)) {
                return {
                    state: 'failed',
                    detail: `${name} runs ${(0,sanitize/* sanitizeLine */.g)(image, 200)}, not ${this.expectedImage}`,
                };
            }
            const state = c.State ?? {};
            const status = state.Status ?? 'unknown';
            const exit = state.ExitCode ?? 0;
            const error = state.Error ? `: ${(0,sanitize/* sanitizeLine */.g)(state.Error, 200)}` : '';
            if (status === 'exited' || status === 'dead') {
                return { state: 'failed', detail: `${name} ${status} with code ${exit}${error}` };
            }
            if (state.Restarting || (c.RestartCount ?? 0) > 0) {
                return {
                    state: 'failed',
                    detail: `${name} is restarting (${c.RestartCount ?? 0} restarts, last exit code ${exit})${error}`,
                };
            }
            if (status === 'paused' || status === 'removing') {
                return { state: 'failed', detail: `${name} is ${status}` };
            }
            if (status !== 'running') {
                pending.push(`${name} is ${(0,sanitize/* sanitizeLine */.g)(status, 40)}`);
                continue;
            }
            const health = state.Health?.Status;
            if (health === 'unhealthy') {
                const last = state.Health?.Log?.at(-1);
                const output = last?.Output?.trim() ? `: ${(0,sanitize/* sanitizeLine */.g)(last.Output.trim(), 200)}` : '';
                return {
                    state: 'failed',
                    detail: `${name} is unhealthy (healthcheck exit code ${last?.ExitCode ?? '?'})${output}`,
                };
            }
            if (health === 'starting') {
                pending.push(`${name} is running, health: starting`);
                continue;
            }
            if (health === 'healthy')
                continue;
            const key = `${c.Id} ${state.StartedAt ?? ''}`;
            const since = this.runningSince.get(key) ?? now;
            this.runningSince.set(key, since);
            if (now - since < this.settleMs)
                pending.push(`${name} is running (no healthcheck; settling)`);
        }
        return pending.length > 0 ? { state: 'pending', detail: pending.join(', ') } : { state: 'ready' };
    }
}

;// CONCATENATED MODULE: ./src/core/compose/dotenv.ts
/**
 * A compose `.env` file read and edited line by line: one assignment's value is rewritten in place (its quoting,
 * `export ` prefix and trailing comment kept), or a line is added. Every other byte stays as it was.
 */
const assignRe = /^([ \t]*(?:export[ \t]+)?)([A-Za-z_][A-Za-z0-9_.-]*)([ \t]*=[ \t]*)/;
function unescapeDouble(text) {
    return text.replace(/\\(.)/g, (_, c) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c);
}
function assignments(text) {
    const found = [];
    let offset = 0;
    for (const rawLine of text.split('\n')) {
        const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
        const m = assignRe.exec(line);
        if (m?.[2]) {
            const valueStart = offset + m[0].length;
            const rest = line.slice(m[0].length);
            const q = rest[0];
            if (q === '"' || q === "'") {
                // The closing quote on the same line (multi-line values are left alone: never ours to edit).
                let close = -1;
                for (let i = 1; i < rest.length; i++) {
                    if (q === '"' && rest[i] === '\\') {
                        i++;
                        continue;
                    }
                    if (rest[i] === q) {
                        close = i;
                        break;
                    }
                }
                if (close > 0) {
                    const inner = rest.slice(1, close);
                    found.push({
                        key: m[2],
                        value: q === '"' ? unescapeDouble(inner) : inner,
                        start: valueStart,
                        end: valueStart + close + 1,
                        quote: q,
                    });
                }
            }
            else {
                // Unquoted: up to an inline comment (` #`) or the end of the line, trailing blanks trimmed.
                const comment = rest.search(/[ \t]#/);
                const raw = (comment >= 0 ? rest.slice(0, comment) : rest).replace(/[ \t]+$/, '');
                found.push({ key: m[2], value: raw, start: valueStart, end: valueStart + raw.length, quote: '' });
            }
        }
        offset += rawLine.length + 1;
    }
    return found;
}
/** The variables a `.env` sets (the last assignment of a key wins, as in compose). */
function parseDotenv(text) {
    const env = new Map();
    for (const a of assignments(text))
        env.set(a.key, a.value);
    return env;
}
const plainValueRe = /^[A-Za-z0-9_.:@/+-]+$/;
/** `text` with `key` set to `value`: the last assignment edited, or a line `KEY=value` appended. */
function setDotenv(text, key, value) {
    if (!plainValueRe.test(value))
        throw new Error(`refusing to write '${key}' with a value that needs quoting`);
    const last = assignments(text)
        .filter((a) => a.key === key)
        .pop();
    if (last) {
        const token = last.quote ? `${last.quote}${value}${last.quote}` : value;
        return text.slice(0, last.start) + token + text.slice(last.end);
    }
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const sep = text === '' || text.endsWith('\n') ? '' : eol;
    return `${text}${sep}${key}=${value}${eol}`;
}

;// CONCATENATED MODULE: ./src/core/compose/interpolate.ts
/**
 * Compose's variable interpolation (`$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?err}`,
 * `${VAR?err}`, `${VAR:+alt}`, `${VAR+alt}`, `$$`), enough to see which variable an `image:` takes its value
 * from and what to set it to. Nested expressions in a default (`${A:-${B}}`) are not supported.
 */
const nameRe = /^[_a-zA-Z][_a-zA-Z0-9]*/;
/** The parts of a template, or an error message. */
function parseTemplate(template) {
    const parts = [];
    let text = '';
    let i = 0;
    const flush = () => {
        if (text)
            parts.push({ kind: 'text', text });
        text = '';
    };
    while (i < template.length) {
        const c = template[i];
        if (c !== '$') {
            text += c;
            i++;
            continue;
        }
        const next = template[i + 1];
        if (next === '$') {
            text += '$';
            i += 2;
            continue;
        }
        if (next === '{') {
            const close = template.indexOf('}', i + 2);
            if (close < 0)
                return { error: `unclosed '\${' in '${template}'` };
            const body = template.slice(i + 2, close);
            const name = nameRe.exec(body)?.[0];
            if (!name)
                return { error: `'\${${body}}' does not start with a variable name` };
            const rest = body.slice(name.length);
            const op = ['', ':-', '-', ':?', '?', ':+', '+'].find((o) => o === '' ? rest === '' : rest.startsWith(o));
            if (op === undefined)
                return { error: `'\${${body}}' is not a supported substitution` };
            const arg = rest.slice(op.length);
            if (arg.includes('$'))
                return { error: `nested substitution in '\${${body}}' is not supported` };
            flush();
            parts.push({ kind: 'var', name, op, arg });
            i = close + 1;
            continue;
        }
        const name = nameRe.exec(template.slice(i + 1))?.[0];
        if (!name) {
            text += '$'; // a lone `$` stays as it is, as in compose
            i++;
            continue;
        }
        flush();
        parts.push({ kind: 'var', name, op: '', arg: '' });
        i += 1 + name.length;
    }
    flush();
    return parts;
}
function variablesOf(parts) {
    return [...new Set(parts.flatMap((p) => (p.kind === 'var' ? [p.name] : [])))];
}
/** One part's value; undefined for a required (`?`) variable that is unset. */
function partValue(p, env) {
    if (p.kind === 'text')
        return p.text;
    const value = env.get(p.name);
    const unsetOrEmpty = value === undefined || value === '';
    switch (p.op) {
        case '':
            return value ?? '';
        case ':-':
            return unsetOrEmpty ? p.arg : value;
        case '-':
            return value === undefined ? p.arg : value;
        case ':?':
            return unsetOrEmpty ? undefined : value;
        case '?':
            return value;
        case ':+':
            return unsetOrEmpty ? '' : p.arg;
        case '+':
            return value === undefined ? '' : p.arg;
    }
}
/** The template's value with `env`, or undefined when a required variable is unset. */
function resolveTemplate(parts, env) {
    let out = '';
    for (const p of parts) {
        const v = partValue(p, env);
        if (v === undefined)
            return undefined;
        out += v;
    }
    return out;
}
/**
 * Which one variable to set so that the template yields `target`, all others keeping their values. Only
 * variables whose value is used as it is (`$V`, `${V}`, `${V:-d}`, `${V-d}`, `${V:?e}`, `${V?e}`) appearing
 * once qualify; when several would do, the last one wins (tags come last in an image reference).
 */
function solveTemplate(parts, env, target) {
    if (resolveTemplate(parts, env) === target)
        return { kind: 'unchanged' };
    const names = variablesOf(parts);
    const candidates = [];
    for (const name of names) {
        const uses = parts.filter((p) => p.kind === 'var' && p.name === name);
        const use = uses[0];
        if (uses.length !== 1 || use?.kind !== 'var' || use.op === ':+' || use.op === '+')
            continue;
        const at = parts.indexOf(use);
        const prefix = resolveTemplate(parts.slice(0, at), env);
        const suffix = resolveTemplate(parts.slice(at + 1), env);
        if (prefix === undefined || suffix === undefined)
            continue;
        if (target.length < prefix.length + suffix.length + 1)
            continue;
        if (!target.startsWith(prefix) || !target.endsWith(suffix))
            continue;
        candidates.push({ name, value: target.slice(prefix.length, target.length - suffix.length) });
    }
    const chosen = candidates[candidates.length - 1];
    if (chosen)
        return { kind: 'set', ...chosen };
    return {
        kind: 'impossible',
        reason: `no single variable of it (${names.join(', ') || 'none'}) can make it '${target}'`,
    };
}

// EXTERNAL MODULE: ./node_modules/yaml/dist/index.js
var dist = __webpack_require__(8815);
// EXTERNAL MODULE: ./src/core/gitops/yaml-source.ts
var yaml_source = __webpack_require__(5647);
;// CONCATENATED MODULE: ./src/core/compose/service-image.ts
/**
 * The `image:` of compose services, read from the compose file's AST and rewritten with the format-preserving
 * YAML editor of the GitOps steps (only that scalar's bytes change).
 */



function servicesMap(src) {
    const doc = src.docs[0];
    if (!doc || src.docs.length > 1)
        throw new errors/* FileError */.f6(src.path, undefined, 'expected one YAML document');
    src.use(doc);
    const services = src.get(doc.contents, 'services');
    if (!(0,dist/* isMap */.jh)(services))
        throw new errors/* FileError */.f6(src.path, undefined, "no 'services:' mapping");
    return services;
}
function imageScalar(src, service) {
    const services = servicesMap(src);
    const pair = src.pair(services, service);
    if (!pair)
        throw new errors/* FileError */.f6(src.path, undefined, `no service '${service}' under 'services:'`);
    const def = src.resolve(pair.value);
    if (!(0,dist/* isMap */.jh)(def)) {
        throw new errors/* FileError */.f6(src.path, src.line(src.resolve(pair.key)?.range?.[0] ?? 0), `service '${service}' is not a mapping`);
    }
    const imagePair = def.items.find((p) => {
        const k = src.resolve(p.key);
        return (0,dist/* isScalar */.jn)(k) && k.value === 'image';
    });
    const at = def.range?.[0] ?? 0;
    if (!imagePair) {
        throw new errors/* FileError */.f6(src.path, src.line(at), `service '${service}' has no 'image:' of its own (built, or taken from 'extends'/a merge key); set-image needs one to edit`);
    }
    if ((0,dist/* isAlias */.Vj)(imagePair.value)) {
        throw new errors/* FileError */.f6(src.path, src.line(at), `the 'image:' of service '${service}' is a YAML alias; write the image on the service itself`);
    }
    const value = imagePair.value;
    if (!src.editable(value) || typeof value.value !== 'string') {
        throw new errors/* FileError */.f6(src.path, src.line(at), `the 'image:' of service '${service}' is not a plain string`);
    }
    return value;
}
/** Every service's `image:` (services without one are left out). */
function serviceImages(path, text) {
    const src = new yaml_source/* YamlSource */.rC({ path, text, explicit: true });
    const services = servicesMap(src);
    const found = [];
    for (const pair of services.items) {
        const key = src.resolve(pair.key);
        if (!(0,dist/* isScalar */.jn)(key))
            continue;
        const def = src.resolve(pair.value);
        const image = (0,dist/* isMap */.jh)(def) ? src.get(def, 'image') : undefined;
        const template = src.stringValue(image);
        if (template !== undefined)
            found.push({ service: String(key.value), template, line: src.line(image?.range?.[0] ?? 0) });
    }
    return found;
}
/** The service's `image:`; a FileError naming the service when it is missing or not editable. */
function serviceImage(path, text, service) {
    const src = new yaml_source/* YamlSource */.rC({ path, text, explicit: true });
    const scalar = imageScalar(src, service);
    return { service, template: String(scalar.value), line: src.line(scalar.range?.[0] ?? 0) };
}
/** The file with each named service's `image:` set, quoting style kept; every other byte unchanged. */
function setServiceImages(path, text, images) {
    const src = new yaml_source/* YamlSource */.rC({ path, text, explicit: true });
    for (const [service, image] of images)
        src.setScalar(imageScalar(src, service), image);
    return src.result();
}

;// CONCATENATED MODULE: ./src/core/compose/plan.ts
/**
 * What set-image changes in a compose project: for each service, its `image:` in the compose file, or, when the
 * image is built from variables (`registry/app:${APP_TAG}`), the one variable in `.env` that makes it the new image.
 */





/** Services whose image (resolved) is in the repository of `repository` (normalised): the default selection. */
function servicesForRepository(project, repository) {
    const env = parseDotenv(project.envText ?? '');
    return serviceImages(project.composePath, project.composeText)
        .filter((s) => {
        const parts = parseTemplate(s.template);
        const resolved = Array.isArray(parts) ? resolveTemplate(parts, env) : undefined;
        return resolved !== undefined && repositoryOf(resolved) === repository;
    })
        .map((s) => s.service);
}
function planCompose(project, services, image) {
    const env = parseDotenv(project.envText ?? '');
    const literal = new Map();
    const envSets = new Map();
    const changes = [];
    for (const service of services) {
        const found = serviceImage(project.composePath, project.composeText, service);
        const parts = parseTemplate(found.template);
        if (!Array.isArray(parts)) {
            throw new errors/* FileError */.f6(project.composePath, found.line, `image of service '${service}': ${parts.error}`);
        }
        const previous = resolveTemplate(parts, env) ?? found.template;
        if (parts.every((p) => p.kind === 'text')) {
            if (previous !== image)
                literal.set(service, image);
            changes.push({ service, previous, image, via: previous === image ? { kind: 'none' } : { kind: 'image' } });
            continue;
        }
        const solution = solveTemplate(parts, env, image);
        if (solution.kind === 'impossible') {
            throw new errors/* FileError */.f6(project.composePath, found.line, `image of service '${service}' is '${found.template}' (now '${previous}'): ${solution.reason}; write the image without variables or change the variable's form`);
        }
        if (solution.kind === 'unchanged') {
            changes.push({ service, previous, image, via: { kind: 'none' } });
            continue;
        }
        const other = envSets.get(solution.name);
        if (other && other.value !== solution.value) {
            throw new errors/* CdpackError */.xd(`services '${other.service}' and '${service}' both take their image from ${solution.name} but need different values`);
        }
        envSets.set(solution.name, { value: solution.value, service });
        changes.push({ service, previous, image, via: { kind: 'env', name: solution.name } });
    }
    let envText = project.envText;
    for (const [name, { value }] of envSets) {
        try {
            envText = setDotenv(envText ?? '', name, value);
        }
        catch (e) {
            throw new errors/* FileError */.f6(project.envPath, undefined, e instanceof Error ? e.message : String(e));
        }
    }
    const composeText = literal.size > 0 ? setServiceImages(project.composePath, project.composeText, literal) : undefined;
    return { changes, composeText, envText: envSets.size > 0 ? envText : undefined };
}

// EXTERNAL MODULE: ./src/core/rollout/duration.ts
var duration = __webpack_require__(1125);
;// CONCATENATED MODULE: ./src/tools/docker-host/compose.ts



class ComposeCli {
    runner;
    command;
    project;
    constructor(runner, 
    /** `['docker', 'compose']` or `['docker-compose']`. */
    command, project) {
        this.runner = runner;
        this.command = command;
        this.project = project;
    }
    /** Finds `docker compose`, else `docker-compose`; an error when the host has neither. */
    static async detect(runner, project) {
        for (const command of [['docker', 'compose'], ['docker-compose']]) {
            const r = await runner.docker([...command, 'version']).catch((e) => {
                if (e instanceof Error && /was not found on PATH/.test(e.message))
                    return undefined;
                throw e;
            });
            if (r?.code === 0)
                return new ComposeCli(runner, command, project);
        }
        throw new errors/* CdpackError */.xd(`neither 'docker compose' nor 'docker-compose' works on ${runner.description}`);
    }
    get name() {
        return this.command.join(' ');
    }
    args(sub) {
        const p = this.project;
        return [
            ...this.command,
            `--file=${p.file}`,
            ...(p.projectDirectory ? [`--project-directory=${p.projectDirectory}`] : []),
            ...sub,
        ];
    }
    /** Runs a compose sub-command; throws with its error output when it fails. With `log`, its output streams there. */
    async run(sub, what, log) {
        const r = await this.runner.docker(this.args(sub), log ? { output: { log } } : {});
        if (r.code !== 0)
            throw new errors/* CdpackError */.xd(`${this.name} ${what} failed on ${this.runner.description}: ${failureText(r)}`);
        return r.stdout;
    }
    async pull(services, log) {
        await this.run(['pull', ...services], 'pull', log);
    }
    async up(services, log) {
        await this.run(['up', '-d', ...services], 'up -d', log);
    }
    /** The service's containers as `docker inspect` shows them. */
    async containers(service) {
        const ids = (await this.run(['ps', '-q', service], 'ps'))
            .split('\n')
            .map((l) => l.trim())
            .filter((l) => /^[0-9a-f]{12,64}$/.test(l));
        if (ids.length === 0)
            return [];
        const r = await this.runner.docker(['docker', 'inspect', '--type=container', ...ids]);
        // A container removed between ps and inspect: seen again at the next poll.
        if (r.code !== 0)
            return [];
        try {
            return JSON.parse(r.stdout);
        }
        catch {
            throw new errors/* CdpackError */.xd(`docker inspect on ${this.runner.description} did not answer JSON`);
        }
    }
    /** The last lines of a container's log, sanitised (for the diagnosis). */
    async logTail(id, lines = 15) {
        const r = await this.runner.docker(['docker', 'logs', `--tail=${lines}`, id]);
        return (0,sanitize/* tailLines */.o)(`${r.stdout}${r.stderr}`, lines);
    }
}

;// CONCATENATED MODULE: ./src/tools/docker-host/files.ts
/**
 * Files on the Docker host, read and replaced over the runner. The shell scripts are constants; the paths reach
 * them as positional arguments ("$1"), never inside the script text.
 */


const READ = 'if [ -e "$1" ]; then exec cat -- "$1"; else exit 3; fi';
/**
 * Replaces a file atomically: a temp file next to it (a copy of the old one, so mode and owner stay) gets the new
 * content from stdin and is renamed over it. With $2 = keep, the old file is first copied to <file>.cdpack-previous.
 * A symlinked file is replaced where the link points.
 */
const WRITE = [
    'set -e',
    'f=$(readlink -f -- "$1" 2>/dev/null || printf %s "$1")',
    'tmp="$f.cdpack-new.$$"',
    `trap 'rm -f -- "$tmp"' EXIT`,
    'if [ -e "$f" ]; then',
    '  if [ "$2" = keep ]; then cp -p -- "$f" "$f.cdpack-previous"; fi',
    '  cp -p -- "$f" "$tmp"',
    'fi',
    'cat > "$tmp"',
    'mv -f -- "$tmp" "$f"',
].join('\n');
/** The file's text, or undefined when it does not exist. */
async function readHostFile(runner, path) {
    const r = await runner.exec(['sh', '-c', READ, 'sh', path]);
    if (r.code === 3)
        return undefined;
    if (r.code !== 0)
        throw new errors/* CdpackError */.xd(`cannot read ${path} on ${runner.description}: ${failureText(r)}`);
    return r.stdout;
}
async function writeHostFile(runner, path, text, keepPrevious) {
    const r = await runner.exec(['sh', '-c', WRITE, 'sh', path, keepPrevious ? 'keep' : ''], { stdin: text });
    if (r.code !== 0)
        throw new errors/* CdpackError */.xd(`cannot write ${path} on ${runner.description}: ${failureText(r)}`);
}
async function removeHostFile(runner, path) {
    const r = await runner.exec(['rm', '-f', '--', path]);
    if (r.code !== 0)
        throw new errors/* CdpackError */.xd(`cannot remove ${path} on ${runner.description}: ${failureText(r)}`);
}

;// CONCATENATED MODULE: ./src/actions/set-image/docker-outcome.ts
/** What set-image reports for Docker-host targets: the same outputs as for Kubernetes, plus `result`. */


const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** Writes the outputs and the summary, then fails the step unless the result is success. */
async function reportDockerOutcome(platform, target, where, outcome, dryRun) {
    const first = outcome.results.find((r) => r.previous !== r.image) ?? outcome.results[0];
    platform.setOutput('changed', String(outcome.changed));
    platform.setOutput('previous-image', first?.previous ?? '');
    platform.setOutput('revision', '');
    platform.setOutput('workloads', JSON.stringify(outcome.results.map((r) => ({ workload: r.service, container: r.service, previous: r.previous, image: r.image }))));
    platform.setOutput('result', outcome.result);
    if (outcome.diagnosis.length > 0) {
        platform.info('Diagnosis:');
        for (const line of outcome.diagnosis)
            platform.info(line);
    }
    const icon = { success: '✅', failed: '❌', 'rolled-back': '↩️' }[outcome.result];
    const rows = outcome.results.map((r) => `| ${(0,markdown/* escapeMarkdown */.FV)(r.service)} | ${(0,markdown/* escapeMarkdown */.FV)(r.previous)} | ${(0,markdown/* escapeMarkdown */.FV)(r.image)} | ${r.previous === r.image ? 'unchanged' : dryRun ? 'would change (dry run)' : outcome.result} |`);
    const lines = [
        '### cdpack set-image',
        '',
        `${icon} **${outcome.result}**: ${target} on ${(0,markdown/* escapeMarkdown */.FV)(where)}`,
        '',
        '| Service | Before | After | |',
        '| --- | --- | --- | --- |',
        ...rows,
        '',
    ];
    lines.push(...(0,markdown/* markdownDiagnosis */.R0)(outcome.diagnosis.map((line) => (0,sanitize/* sanitizeLine */.g)(line.trimStart(), 300))));
    await platform.summary(lines.join('\n'));
    if (outcome.result !== 'success') {
        const reason = (0,sanitize/* sanitizeLine */.g)(outcome.diagnosis[0] ?? 'the new containers did not come up', 300);
        platform.fail(`${outcome.result === 'rolled-back' ? 'rolled back: ' : ''}${reason}`);
    }
}

;// CONCATENATED MODULE: ./src/actions/set-image/compose.ts
/**
 * set-image for a compose project on a host over SSH: edit `image:` (or the `.env` variable it uses), pull and
 * `up -d` the services, wait for their new containers; when they do not come up, put the files back, `up -d`
 * again and report `rolled-back`.
 */








const POLL_MS = 2000;
async function composeSetImage(platform, settings, runner) {
    const cli = await ComposeCli.detect(runner, {
        file: settings.composeFile,
        projectDirectory: settings.projectDirectory,
    });
    platform.info(`compose project ${settings.composeFile} on ${runner.description} (${cli.name})`);
    const composeText = await readHostFile(runner, settings.composeFile);
    if (composeText === undefined) {
        throw new errors/* InputError */.dz('compose-file', `${settings.composeFile} does not exist on ${runner.description}`);
    }
    const envText = await readHostFile(runner, settings.envFile);
    const project = {
        composePath: settings.composeFile,
        composeText,
        envPath: settings.envFile,
        envText,
    };
    const services = settings.services.length
        ? settings.services
        : servicesForRepository(project, settings.image.repository);
    if (services.length === 0) {
        throw new errors/* InputError */.dz('service', `no service of ${settings.composeFile} runs an image of ${settings.image.repository}; name the service(s)`);
    }
    const image = settings.image.reference;
    const plan = planCompose(project, services, image);
    const results = plan.changes.map((c) => ({ service: c.service, previous: c.previous, image }));
    for (const c of plan.changes) {
        const where = c.via.kind === 'env' ? ` (${c.via.name} in ${settings.envFile})` : c.via.kind === 'image' ? '' : ' (already)';
        platform.info(`service ${c.service}: ${(0,sanitize/* sanitizeLine */.g)(c.previous)} → ${image}${where}${settings.dryRun ? ' (dry run)' : ''}`);
    }
    const changed = plan.composeText !== undefined || plan.envText !== undefined;
    if (settings.dryRun)
        return { changed, results, result: 'success', diagnosis: [] };
    await writePlan(runner, settings, plan);
    const diagnosis = [];
    let failure;
    try {
        await platform.group('docker compose pull && up -d', async () => {
            await cli.pull(services, platform);
            await cli.up(services, platform);
        });
    }
    catch (e) {
        failure = (0,sanitize/* sanitizeLine */.g)(e instanceof Error ? e.message : String(e), 500);
    }
    if (!failure) {
        failure = await platform.group('Wait for the containers', () => waitForServices(cli, services.map((s) => ({ service: s, image })), settings.timeoutMs, platform, diagnosis));
    }
    if (!failure)
        return { changed, results, result: 'success', diagnosis };
    diagnosis.unshift(failure);
    platform.warn(failure);
    if (!changed) {
        diagnosis.push('the files did not change: there is nothing to restore');
        return { changed, results, result: 'failed', diagnosis };
    }
    const rolledBack = await platform.group('Roll back', async () => {
        try {
            await restorePlan(runner, settings, project, plan);
            platform.info('restored the previous files; docker compose up -d');
            await cli.up(services, platform);
            const expected = plan.changes.map((c) => ({
                service: c.service,
                image: c.previous.includes('$') ? undefined : c.previous,
            }));
            const again = await waitForServices(cli, expected, settings.timeoutMs, platform, []);
            if (again)
                diagnosis.push(`the rollback did not come up either: ${again}`);
            return !again;
        }
        catch (e) {
            diagnosis.push(`rollback failed: ${(0,sanitize/* sanitizeLine */.g)(e instanceof Error ? e.message : String(e), 500)}`);
            return false;
        }
    });
    return { changed, results, result: rolledBack ? 'rolled-back' : 'failed', diagnosis };
}
async function writePlan(runner, settings, plan) {
    if (plan.envText !== undefined)
        await writeHostFile(runner, settings.envFile, plan.envText, true);
    if (plan.composeText !== undefined)
        await writeHostFile(runner, settings.composeFile, plan.composeText, true);
}
/** Puts back what was read before (a `.env` that did not exist is removed again). */
async function restorePlan(runner, settings, project, plan) {
    if (plan.composeText !== undefined)
        await writeHostFile(runner, settings.composeFile, project.composeText, false);
    if (plan.envText !== undefined) {
        if (project.envText === undefined)
            await removeHostFile(runner, settings.envFile);
        else
            await writeHostFile(runner, settings.envFile, project.envText, false);
    }
}
/**
 * Polls the services' containers until each is up (see ContainerWatch), one fails, or the time is up.
 * Returns undefined when all are up, else why not; log tails of a failed container go to `diagnosis`.
 */
async function waitForServices(cli, services, timeoutMs, platform, diagnosis) {
    const deadline = Date.now() + timeoutMs;
    const watches = new Map(services.map((s) => [s.service, new ContainerWatch(s.image)]));
    let lastLine = '';
    let pendingDetail = '';
    for (;;) {
        const pending = [];
        for (const { service } of services) {
            const containers = (await cli.containers(service)).filter((c) => c.Config?.Labels?.['com.docker.compose.oneoff'] !== 'True');
            const verdict = watches.get(service).observe(containers, Date.now());
            if (verdict.state === 'failed') {
                for (const c of containers) {
                    const tail = await cli.logTail(c.Id).catch(() => []);
                    if (tail.length)
                        diagnosis.push(`log of ${(0,sanitize/* sanitizeLine */.g)((c.Name ?? c.Id).replace(/^\//, ''), 100)}:`, ...tail.map((l) => `  ${l}`));
                }
                return `service ${service}: ${verdict.detail}`;
            }
            if (verdict.state === 'pending')
                pending.push(`${service}: ${verdict.detail}`);
        }
        if (pending.length === 0) {
            platform.info(`${services.map((s) => s.service).join(', ')}: up`);
            return undefined;
        }
        pendingDetail = pending.join('; ');
        if (pendingDetail !== lastLine)
            platform.info(pendingDetail);
        lastLine = pendingDetail;
        if (Date.now() + POLL_MS > deadline) {
            return `not up within ${(0,duration/* formatDuration */.a)(timeoutMs)}: ${pendingDetail}`;
        }
        await sleep(POLL_MS);
    }
}

// EXTERNAL MODULE: ./src/core/text/control.ts
var control = __webpack_require__(5778);
;// CONCATENATED MODULE: ./src/core/compose/names.ts
/** Names and paths that reach commands on a Docker host: checked before anything runs. */


/**
 * A compose or swarm service name. The compose spec allows `[a-zA-Z0-9._-]+`; a name must also start with a letter
 * or digit here, so it can never read as an option of the docker CLI.
 */
const serviceRe = /^[a-zA-Z0-9][a-zA-Z0-9._-]*$/;
function checkServiceName(input, name) {
    if (!serviceRe.test(name) || name.length > 255) {
        throw new errors/* InputError */.dz(input, `'${(0,control/* excerpt */.Kb)(name, 200)}' is not a service name (letters, digits, '.', '_', '-', starting with a letter or digit)`);
    }
    return name;
}
/** A path on the host: any characters but NUL, newlines and other control characters. */
function checkHostPath(input, path) {
    if (path === '')
        throw new errors/* InputError */.dz(input, 'is empty');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
    if (/[\x00-\x1f\x7f]/.test(path)) {
        throw new errors/* InputError */.dz(input, `'${(0,control/* excerpt */.Kb)(path, 200)}' contains a NUL, newline or other control character`);
    }
    if (path.length > 4096)
        throw new errors/* InputError */.dz(input, 'is longer than 4096 characters');
    return path;
}
/** The directory part of a host path (`.` for a bare name). */
function hostDirname(path) {
    const trimmed = path.replace(/\/+$/, '');
    const i = trimmed.lastIndexOf('/');
    if (i < 0)
        return '.';
    return i === 0 ? '/' : trimmed.slice(0, i);
}
function joinHostPath(dir, name) {
    return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}

;// CONCATENATED MODULE: ./src/actions/set-image/docker-settings.ts
/** set-image settings for Docker hosts (`target: compose | swarm`), all checked before anything connects. */






const hostnameRe = /^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/;
const ipv6Re = /^[0-9A-Fa-f:.]+$/;
const userRe = /^[A-Za-z_][A-Za-z0-9_.-]*\$?$/;
function checkHost(input, host) {
    const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
    if (bare.length > 253 || !(hostnameRe.test(bare) || (bare.includes(':') && ipv6Re.test(bare)))) {
        throw new errors/* InputError */.dz(input, `'${(0,control/* excerpt */.Kb)(bare, 100)}' is not a host name or IP address`);
    }
    return bare;
}
function checkUser(input, user) {
    if (!userRe.test(user) || user.length > 64)
        throw new errors/* InputError */.dz(input, `'${(0,control/* excerpt */.Kb)(user, 100)}' is not a user name`);
    return user;
}
/** `ssh://[user@]host[:port]` as host, user and port. */
function parseSshUrl(value) {
    let url;
    try {
        url = new URL(value);
    }
    catch {
        throw new errors/* InputError */.dz('docker-host', `'${(0,control/* excerpt */.Kb)(value, 100)}' is not a URL`);
    }
    if (url.password || (url.pathname && url.pathname !== '/') || url.search || url.hash) {
        throw new errors/* InputError */.dz('docker-host', 'an ssh:// docker-host takes only [user@]host[:port] (the key goes in ssh-key)');
    }
    return {
        host: checkHost('docker-host', url.hostname),
        user: url.username ? checkUser('docker-host', decodeURIComponent(url.username)) : undefined,
        port: url.port ? Number(url.port) : undefined,
    };
}
function parseDockerHostSettings(raw) {
    const get = (name) => raw[name] ?? '';
    const target = get('target');
    const warnings = [];
    const image = parseDeployImage('image', get('image'), (0,read/* parseBoolean */.yG)('allow-mutable-tag', get('allow-mutable-tag')));
    const dockerHostRaw = get('docker-host');
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
    if (/[\x00-\x1f\x7f\s]/.test(dockerHostRaw))
        throw new errors/* InputError */.dz('docker-host', 'contains white space or control characters');
    if (dockerHostRaw && !/^(unix|tcp|ssh|npipe|fd):\/\//.test(dockerHostRaw)) {
        throw new errors/* InputError */.dz('docker-host', `'${(0,control/* excerpt */.Kb)(dockerHostRaw, 100)}' is not a docker host (unix://, tcp://, ssh://)`);
    }
    const fromUrl = dockerHostRaw.startsWith('ssh://') ? parseSshUrl(dockerHostRaw) : undefined;
    const dockerHost = fromUrl ? undefined : dockerHostRaw || undefined;
    const hostInput = get('host');
    let host = hostInput ? checkHost('host', hostInput) : undefined;
    if (fromUrl) {
        if (host && host !== fromUrl.host)
            throw new errors/* InputError */.dz('docker-host', `names host '${fromUrl.host}' but input 'host' is '${host}'`);
        host = fromUrl.host;
    }
    let ssh;
    if (host) {
        const userInput = get('user');
        const user = userInput ? checkUser('user', userInput) : fromUrl?.user;
        if (!user)
            throw new errors/* InputError */.dz('user', `is required to connect to ${host}`);
        const port = get('port') && get('port') !== '22' ? (0,read/* parseInteger */.cG)('port', get('port'), 1, 65535) : (fromUrl?.port ?? 22);
        const privateKey = get('ssh-key');
        if (!privateKey.trim())
            throw new errors/* InputError */.dz('ssh-key', `is required to connect to ${host}`);
        if (!/PRIVATE KEY-----/.test(privateKey)) {
            throw new errors/* InputError */.dz('ssh-key', 'expected a private key (-----BEGIN OPENSSH PRIVATE KEY----- …)');
        }
        const insecure = (0,read/* parseBoolean */.yG)('insecure-ignore-host-key', get('insecure-ignore-host-key'));
        const knownHosts = get('known-hosts');
        if (!knownHosts.trim() && !insecure) {
            throw new errors/* InputError */.dz('known-hosts', `is required to check ${host}'s host key (e.g. the output of ssh-keyscan -p ${port} ${host}), unless insecure-ignore-host-key is true`);
        }
        if (knownHosts.trim() && insecure) {
            warnings.push('insecure-ignore-host-key is ignored: known-hosts is given, and the host key is checked against it');
        }
        else if (insecure) {
            warnings.push(`the host key of ${host} is NOT checked (insecure-ignore-host-key): anyone in the path can pose as the host`);
        }
        ssh = { host, port, user, privateKey, knownHosts: knownHosts.trim() ? knownHosts : undefined };
    }
    const services = (0,read/* parseList */.E1)(get('service')).map((s) => checkServiceName('service', s));
    let composeFile = '';
    let projectDirectory;
    if (target === 'compose') {
        if (!ssh)
            throw new errors/* InputError */.dz('host', 'is required for target compose (the host that runs the compose project)');
        if (!get('compose-file'))
            throw new errors/* InputError */.dz('compose-file', 'is required for target compose (its path on the host)');
        composeFile = checkHostPath('compose-file', get('compose-file'));
        projectDirectory = get('project-directory')
            ? checkHostPath('project-directory', get('project-directory'))
            : undefined;
    }
    else if (services.length === 0) {
        throw new errors/* InputError */.dz('service', 'name the swarm service(s) to update');
    }
    const timeoutText = get('timeout') || '5m';
    const timeoutMs = (0,duration/* parseGoDuration */.Q)(timeoutText);
    if (timeoutMs === undefined || timeoutMs < 1000 || timeoutMs > 24 * 3_600_000) {
        throw new errors/* InputError */.dz('timeout', `'${timeoutText}' is not a duration from 1s to 24h (e.g. 90s, 5m)`);
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
        dryRun: (0,read/* parseBoolean */.yG)('dry-run', get('dry-run')),
        warnings,
    };
}

;// CONCATENATED MODULE: ./src/core/swarm/update-status.ts
/**
 * What a swarm service's `UpdateStatus` says about the update we started. The status of an earlier update can
 * still be there right after `docker service update`: it only counts once its `StartedAt` differs from the one
 * read before the update.
 */
function updateVerdict(status, before) {
    const message = status?.Message ?? '';
    if (!status?.State || (before?.StartedAt && status.StartedAt === before.StartedAt)) {
        return { state: 'updating', detail: 'waiting for the update to start' };
    }
    switch (status.State) {
        case 'completed':
            return { state: 'completed' };
        case 'paused':
            return { state: 'paused', detail: message || 'update paused' };
        case 'rollback_started':
            return { state: 'rolling-back', detail: message || 'rollback started' };
        case 'rollback_completed':
            return { state: 'rolled-back', detail: message || 'rollback completed' };
        case 'rollback_paused':
            return { state: 'rollback-paused', detail: message || 'rollback paused' };
        default:
            return { state: 'updating', detail: message || status.State };
    }
}
/** The state of a rollback we requested: done, still going, or stuck. */
function rollbackVerdict(status) {
    if (status?.State === 'rollback_completed')
        return 'done';
    if (status?.State === 'rollback_paused')
        return 'paused';
    return 'going';
}

;// CONCATENATED MODULE: ./src/tools/docker-host/swarm.ts
/** A swarm service through the docker CLI: inspect, update the image, roll back, list tasks. */



async function inspectService(runner, service) {
    const r = await runner.docker(['docker', 'service', 'inspect', '--', service]);
    if (r.code !== 0) {
        throw new errors/* CdpackError */.xd(`docker service inspect ${service} on ${runner.description}: ${failureText(r)}`);
    }
    let list;
    try {
        list = JSON.parse(r.stdout);
    }
    catch {
        throw new errors/* CdpackError */.xd(`docker service inspect on ${runner.description} did not answer JSON`);
    }
    const found = list[0];
    if (!found)
        throw new errors/* CdpackError */.xd(`no swarm service '${service}' on ${runner.description}`);
    return found;
}
function serviceImageOf(s) {
    return s.Spec?.TaskTemplate?.ContainerSpec?.Image ?? '';
}
async function updateServiceImage(runner, service, image) {
    const r = await runner.docker([
        'docker',
        'service',
        'update',
        '--detach',
        '--quiet',
        '--with-registry-auth',
        `--image=${image}`,
        '--',
        service,
    ]);
    if (r.code !== 0)
        throw new errors/* CdpackError */.xd(`docker service update ${service}: ${failureText(r)}`);
}
async function rollbackService(runner, service) {
    const r = await runner.docker(['docker', 'service', 'rollback', '--detach', '--quiet', '--', service]);
    if (r.code !== 0)
        throw new errors/* CdpackError */.xd(`docker service rollback ${service}: ${failureText(r)}`);
}
/** The service's recent tasks, one sanitised line each (for the diagnosis). */
async function taskLines(runner, service, max = 6) {
    const r = await runner.docker([
        'docker',
        'service',
        'ps',
        '--no-trunc',
        '--format={{.Name}} {{.Image}} {{.CurrentState}} {{.Error}}',
        '--',
        service,
    ]);
    if (r.code !== 0)
        return [];
    return r.stdout
        .split('\n')
        .filter((l) => l.trim())
        .slice(0, max)
        .map((l) => (0,sanitize/* sanitizeLine */.g)(l.trim(), 300));
}

;// CONCATENATED MODULE: ./src/actions/set-image/swarm.ts
/**
 * set-image for swarm services: `docker service update --image … --with-registry-auth`, then wait for its
 * UpdateStatus; `paused` (a failed update) or the timeout rolls it back (`docker service rollback`), an automatic
 * rollback (update-failure-action rollback) is waited for. Services are updated one at a time; the first that
 * fails stops the run.
 */






const SWARM_POLL_MS = 2000;
/** Swarm pins `ref@sha256:…` in the spec; a reference given without a digest compares without it. */
function runsAlready(current, image) {
    if (sameImage(current, image))
        return true;
    return !image.includes('@') && sameImage(current.replace(/@sha256:[a-f0-9]{64}$/, ''), image);
}
async function swarmSetImage(platform, settings, runner) {
    const image = settings.image.reference;
    const results = [];
    const diagnosis = [];
    let changed = false;
    let result = 'success';
    // Every service must exist before any is updated.
    const before = [];
    for (const service of settings.services)
        before.push(await inspectService(runner, service));
    for (const [i, service] of settings.services.entries()) {
        const current = before[i];
        const previous = serviceImageOf(current);
        results.push({ service, previous, image });
        if (runsAlready(previous, image)) {
            platform.info(`service ${service}: already runs ${(0,sanitize/* sanitizeLine */.g)(previous)}; nothing to update`);
            results[results.length - 1] = { service, previous: image, image };
            continue;
        }
        platform.info(`service ${service}: ${(0,sanitize/* sanitizeLine */.g)(previous)} → ${image}${settings.dryRun ? ' (dry run)' : ''}`);
        if (settings.dryRun) {
            changed = true;
            continue;
        }
        await updateServiceImage(runner, service, image);
        changed = true;
        const failure = await platform.group(`Wait for service ${service}`, () => waitForUpdate(runner, service, current.UpdateStatus, settings.timeoutMs, platform));
        if (failure.kind === 'ok')
            continue;
        diagnosis.push(`service ${service}: ${failure.detail}`);
        diagnosis.push(...(await taskLines(runner, service)).map((l) => `  task ${l}`));
        if (failure.kind === 'rolled-back') {
            result = 'rolled-back';
            break;
        }
        if (failure.kind === 'rollback-failed') {
            result = 'failed';
            break;
        }
        result = await platform.group(`Roll back service ${service}`, async () => {
            try {
                await rollbackService(runner, service);
                platform.info(`service ${service}: docker service rollback`);
                const done = await waitForRollback(runner, service, settings.timeoutMs, platform);
                if (done)
                    diagnosis.push(`service ${service}: ${done}`);
                return done ? 'failed' : 'rolled-back';
            }
            catch (e) {
                diagnosis.push(`service ${service}: rollback failed: ${(0,sanitize/* sanitizeLine */.g)(e instanceof Error ? e.message : String(e))}`);
                return 'failed';
            }
        });
        break;
    }
    return { changed, results, result, diagnosis };
}
async function waitForUpdate(runner, service, before, timeoutMs, platform) {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    for (;;) {
        const verdict = updateVerdict((await inspectService(runner, service)).UpdateStatus, before);
        const line = `service ${service}: ${verdict.state}${'detail' in verdict ? ` (${(0,sanitize/* sanitizeLine */.g)(verdict.detail)})` : ''}`;
        if (line !== last)
            platform.info(line);
        last = line;
        switch (verdict.state) {
            case 'completed':
                return { kind: 'ok' };
            case 'paused':
                return { kind: 'failed', detail: `update paused: ${(0,sanitize/* sanitizeLine */.g)(verdict.detail)}` };
            case 'rolled-back':
                return { kind: 'rolled-back', detail: `swarm rolled the update back: ${(0,sanitize/* sanitizeLine */.g)(verdict.detail)}` };
            case 'rollback-paused':
                return { kind: 'rollback-failed', detail: `swarm's rollback paused: ${(0,sanitize/* sanitizeLine */.g)(verdict.detail)}` };
            default:
                break;
        }
        if (Date.now() + SWARM_POLL_MS > deadline) {
            return verdict.state === 'rolling-back'
                ? { kind: 'rollback-failed', detail: `swarm's rollback did not finish within ${(0,duration/* formatDuration */.a)(timeoutMs)}` }
                : { kind: 'failed', detail: `the update did not complete within ${(0,duration/* formatDuration */.a)(timeoutMs)}` };
        }
        await sleep(SWARM_POLL_MS);
    }
}
/** Waits for a requested rollback: undefined when done, else why not. */
async function waitForRollback(runner, service, timeoutMs, platform) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const status = (await inspectService(runner, service)).UpdateStatus;
        const state = rollbackVerdict(status);
        if (state === 'done') {
            platform.info(`service ${service}: rollback completed`);
            return undefined;
        }
        if (state === 'paused')
            return `the rollback paused: ${(0,sanitize/* sanitizeLine */.g)(status?.Message ?? '')}`;
        if (Date.now() + SWARM_POLL_MS > deadline)
            return `the rollback did not finish within ${(0,duration/* formatDuration */.a)(timeoutMs)}`;
        await sleep(SWARM_POLL_MS);
    }
}

;// CONCATENATED MODULE: ./src/actions/set-image/docker-host.ts







async function setImageOnDockerHost(platform, raw) {
    // The key is masked whole by readInputs; logs show text line by line, so each of its lines too.
    if (raw['ssh-key'])
        (0,exec_credential/* maskMultiline */.w5)((v) => platform.setSecret(v), raw['ssh-key']);
    const settings = parseDockerHostSettings(raw);
    for (const w of settings.warnings)
        platform.warn(w);
    const runner = settings.ssh
        ? sshRunner(await SshSession.open(settings.ssh, platform.tempDir), settings.dockerHost)
        : localRunner(settings.dockerHost);
    try {
        const outcome = settings.target === 'compose'
            ? await composeSetImage(platform, settings, runner)
            : await swarmSetImage(platform, settings, runner);
        await reportDockerOutcome(platform, settings.target, runner.description, outcome, settings.dryRun);
    }
    finally {
        await runner.close();
    }
}

;// CONCATENATED MODULE: ./src/actions/set-image/settings.ts




const containerNameRe = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const namespaceRe = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** Validates every input before anything is read from or sent to the cluster. */
function parseSettings(raw, env) {
    const get = (name) => raw[name] ?? '';
    const allowMutable = (0,read/* parseBoolean */.yG)('allow-mutable-tag', get('allow-mutable-tag'));
    const image = parseDeployImage('image', get('image'), allowMutable);
    const workloads = (0,workload/* uniqueRefs */.CS)((0,read/* parseList */.E1)(get('workload')).map((w) => (0,workload/* parseWorkloadRef */.iD)('workload', w)));
    if (workloads.length === 0)
        throw new errors/* InputError */.dz('workload', 'name at least one workload, e.g. deployment/web');
    const containers = (0,read/* parseList */.E1)(get('container'));
    for (const c of containers) {
        if (!containerNameRe.test(c) || c.length > 63)
            throw new errors/* InputError */.dz('container', `'${c}' is not a container name`);
    }
    const namespace = get('namespace');
    if (namespace && (!namespaceRe.test(namespace) || namespace.length > 63)) {
        throw new errors/* InputError */.dz('namespace', `'${namespace}' is not a namespace name (lowercase RFC 1123 label)`);
    }
    const changeCause = get('change-cause') || defaultChangeCause(image.reference, env);
    if (changeCause.length > 1024)
        throw new errors/* InputError */.dz('change-cause', 'at most 1024 characters');
    return {
        image,
        workloads,
        containers,
        kubeconfig: get('kubeconfig'),
        context: get('context'),
        namespace,
        changeCause,
        dryRun: (0,read/* parseBoolean */.yG)('dry-run', get('dry-run')),
    };
}
/** `cdpack set-image <image> (commit abc1234, run <url>)` from the GitHub or GitLab job context, when there is one. */
function defaultChangeCause(image, env) {
    const sha = env.GITHUB_SHA || env.CI_COMMIT_SHA;
    const run = env.GITHUB_RUN_ID && env.GITHUB_REPOSITORY
        ? `${env.GITHUB_SERVER_URL || 'https://github.com'}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
        : env.CI_JOB_URL || env.CI_PIPELINE_URL;
    const context = [sha ? `commit ${sha.slice(0, 12)}` : '', run ? `run ${run}` : ''].filter(Boolean).join(', ');
    return `cdpack set-image ${image}${context ? ` (${context})` : ''}`;
}

;// CONCATENATED MODULE: ./src/actions/set-image/action.ts











/** How long to wait for the Deployment controller to stamp the new revision (the output `revision`). */
const REVISION_WAIT_MS = 30_000;
/**
 * Bounds each read and patch (the kubernetes target has no `timeout` input): an API server that accepts the
 * connection and never answers must not hold the job until the CI platform kills it.
 */
const REQUEST_DEADLINE_MS = 60_000;
/** Runs one API request with a signal aborted after REQUEST_DEADLINE_MS; an abort becomes a clear error. */
async function bounded(what, request) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), REQUEST_DEADLINE_MS);
    try {
        return await request(controller.signal);
    }
    catch (e) {
        if (controller.signal.aborted) {
            throw new errors/* CdpackError */.xd(`${what}: the API server did not answer within ${REQUEST_DEADLINE_MS / 1000} s (timed out)`);
        }
        throw e;
    }
    finally {
        clearTimeout(timer);
    }
}
/** set-image on any platform: read every workload and plan every patch first, then patch, then read the revision. */
async function setImageAction(platform, connect = kube_connection/* connectKube */.m) {
    const raw = (0,read/* readInputs */.Ko)(set_image/* setImage */.g, platform);
    if (raw.target === 'compose' || raw.target === 'swarm')
        return setImageOnDockerHost(platform, raw);
    if (!raw.workload?.trim())
        throw new errors/* InputError */.dz('workload', 'is required (target kubernetes)');
    const settings = parseSettings(raw, platform.env);
    const { api, namespace } = connect(platform, settings);
    try {
        platform.info(`cluster: ${api.description}, namespace '${namespace}'`);
        // Nothing is patched until every workload has been read and every container resolved.
        const plans = [];
        for (const ref of settings.workloads) {
            const object = await bounded(ref.display, (signal) => api.get((0,workload/* objectPath */.du)(ref, namespace), { signal }).catch((e) => {
                if (signal.aborted)
                    throw e;
                throw (0,kube_connection/* describeApiError */.g)(e, 'get', ref.display, namespace);
            }));
            const podSpec = podSpecOf(ref.kind, object);
            const changes = selectContainers(ref.display, podSpec, settings.image, settings.containers);
            const patch = ref.kind === 'Rollout'
                ? (0,argo_rollout/* rolloutImagePatch */.dT)(podSpec, object.metadata.resourceVersion ?? '', changes, settings.changeCause)
                : setImagePatch(ref.kind, podSpec, changes, settings.changeCause);
            plans.push({ ref, object, changes, patch });
        }
        let changed = false;
        let revision = '';
        // Patched so far: if a later patch fails, these are put back (best effort) so no half-release is left.
        const applied = [];
        const patchOne = async (plan, send) => {
            try {
                const patched = await send();
                if (!settings.dryRun)
                    applied.push({ plan, patched });
                return patched;
            }
            catch (e) {
                if (applied.length === 0)
                    throw e;
                const message = e instanceof Error ? e.message : String(e);
                throw new errors/* CdpackError */.xd(`${message}; ${await revertApplied(api, namespace, applied, platform)}`);
            }
        };
        for (const plan of plans) {
            const what = plan.ref.display;
            if (!plan.patch) {
                platform.info(`${what}: already runs ${settings.image.reference}; nothing to patch`);
                if (plan.ref.kind === 'Deployment' && !revision)
                    revision = String((0,rollout_revision/* revisionOf */.DT)(plan.object) ?? '');
                continue;
            }
            changed = true;
            for (const c of plan.changes.filter((x) => x.previous !== x.image)) {
                platform.info(`${what}: container ${c.name}: ${c.previous} → ${c.image}${settings.dryRun ? ' (dry run)' : ''}`);
            }
            const patch = plan.patch;
            const patched = await patchOne(plan, () => bounded(what, (signal) => api
                // A Rollout is a custom resource: no strategic merge patch, so a JSON merge patch (see rolloutImagePatch).
                .patch((0,workload/* objectPath */.du)(plan.ref, namespace), plan.ref.kind === 'Rollout' ? 'merge' : 'strategic', patch, {
                signal,
                query: { fieldManager: 'cdpack', ...(settings.dryRun ? { dryRun: 'All' } : {}) },
            })
                .catch((e) => {
                if (signal.aborted)
                    throw e;
                throw (0,kube_connection/* describeApiError */.g)(e, 'patch', what, namespace);
            })));
            if (plan.ref.kind === 'Deployment' && !settings.dryRun && !revision) {
                revision = await waitForRevision(api, platform, plan.ref, namespace, plan.object, patched);
            }
        }
        const results = plans.flatMap((p) => p.changes.map((c) => ({ workload: p.ref.display, container: c.name, previous: c.previous, image: c.image })));
        const first = results.find((r) => r.previous !== r.image) ?? results[0];
        platform.setOutput('changed', String(changed));
        platform.setOutput('previous-image', first?.previous ?? '');
        platform.setOutput('revision', revision);
        platform.setOutput('workloads', JSON.stringify(results));
        await platform.summary(summary(results, namespace, settings.dryRun, revision));
    }
    finally {
        api.close();
    }
}
/**
 * Patches each already-patched workload back to its previous images (best effort, each request bounded) and
 * says what the cluster is left with: every workload reverted, or which ones still run the new image.
 */
async function revertApplied(api, namespace, applied, platform) {
    const reverted = [];
    const left = [];
    for (const { plan, patched } of applied) {
        const what = plan.ref.display;
        const back = plan.changes.map((c) => ({ ...c, previous: c.image, image: c.previous }));
        const podSpec = podSpecOf(plan.ref.kind, patched);
        const patch = plan.ref.kind === 'Rollout'
            ? (0,argo_rollout/* rolloutImagePatch */.dT)(podSpec, patched.metadata.resourceVersion ?? '', back, undefined)
            : setImagePatch(plan.ref.kind, podSpec, back, undefined);
        try {
            if (patch) {
                await bounded(what, (signal) => api.patch((0,workload/* objectPath */.du)(plan.ref, namespace), plan.ref.kind === 'Rollout' ? 'merge' : 'strategic', patch, { signal, query: { fieldManager: 'cdpack' } }));
            }
            platform.warn(`${what}: patched back to its previous image(s)`);
            reverted.push(what);
        }
        catch (e) {
            platform.warn(`${what}: could not patch it back: ${e instanceof Error ? e.message : String(e)}`);
            const images = plan.changes.filter((c) => c.previous !== c.image).map((c) => `${c.name} ${c.image}`);
            left.push(`${what} (${images.join(', ')})`);
        }
    }
    return left.length === 0
        ? `already patched workloads were reverted: ${reverted.join(', ')}`
        : `left changed: ${left.join('; ')}${reverted.length ? `; reverted: ${reverted.join(', ')}` : ''}`;
}
/**
 * The Deployment's new `deployment.kubernetes.io/revision`: the controller writes it when it has seen the new
 * generation. Watched from the patch's resourceVersion, for a bounded time; '' (with a warning) if it never comes.
 */
async function waitForRevision(api, platform, ref, namespace, before, patched) {
    const previous = (0,rollout_revision/* revisionOf */.DT)(before) ?? 0;
    const generation = patched.metadata.generation ?? 0;
    const seen = (o) => {
        const rev = (0,rollout_revision/* revisionOf */.DT)(o);
        const observed = Number(o.status?.observedGeneration ?? 0);
        return rev !== undefined && (rev > previous || observed >= generation) ? String(rev) : undefined;
    };
    const now = seen(patched);
    if (now)
        return now;
    let found;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), REVISION_WAIT_MS);
    try {
        await api.watch((0,workload/* collectionPath */.yb)(ref.kind, namespace), patched.metadata.resourceVersion ?? '', (event) => {
            if (event.type === 'DELETED')
                return true;
            if (event.type === 'BOOKMARK')
                return false;
            found = seen(event.object);
            return found !== undefined;
        }, { signal: controller.signal, query: { fieldSelector: `metadata.name=${ref.name}` } });
    }
    catch (e) {
        platform.warn(`${ref.display}: could not read the new revision: ${e instanceof Error ? e.message : String(e)}`);
    }
    finally {
        clearTimeout(timer);
    }
    if (!found)
        platform.warn(`${ref.display}: the controller did not stamp ${rollout_revision/* REVISION_ANNOTATION */.wB} in time; output 'revision' is empty`);
    return found ?? '';
}
function summary(results, namespace, dryRun, revision) {
    const rows = results.map((r) => `| ${(0,markdown/* escapeMarkdown */.FV)(r.workload)} | ${(0,markdown/* escapeMarkdown */.FV)(r.container)} | ${(0,markdown/* escapeMarkdown */.FV)(r.previous)} | ${(0,markdown/* escapeMarkdown */.FV)(r.image)} | ${r.previous === r.image ? 'unchanged' : dryRun ? 'would change (dry run)' : 'changed'} |`);
    return [
        '### cdpack set-image',
        '',
        `Namespace ${(0,markdown/* escapeMarkdown */.FV)(namespace)}${revision ? `, Deployment revision ${(0,markdown/* escapeMarkdown */.FV)(revision)}` : ''}.`,
        '',
        '| Workload | Container | Before | After | |',
        '| --- | --- | --- | --- | --- |',
        ...rows,
        '',
    ].join('\n');
}


/***/ })

};
