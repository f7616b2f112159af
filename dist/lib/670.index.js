export const id = 670;
export const ids = [670];
export const modules = {

/***/ 670:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run),
  runGithubStep: () => (/* binding */ runGithubStep)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(6421);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: ./src/core/text/control.ts
var control = __webpack_require__(5778);
// EXTERNAL MODULE: ./src/platform/masker.ts
var platform_masker = __webpack_require__(436);
;// CONCATENATED MODULE: ./src/platform/github.ts




/** The GitHub Actions runner: inputs from INPUT_*, outputs to GITHUB_OUTPUT, masking via ::add-mask::. */
function githubPlatform(env = process.env) {
    // The runner masks registered secrets in what it shows; we mask too, so nothing depends on it.
    const masker = new platform_masker/* Masker */.G();
    // Masked first, then control characters escaped (a lone CR would start a new runner line).
    const say = (m) => (0,control/* escapeControl */.hN)(masker.mask(m));
    // Lines we print with core.info reach the runner's command parser as they are. Text from outside
    // (diffs, tool output, report fields) could hold `::error::…` or `##[…]`; rather than fencing it
    // with ::stop-commands::<token> (state in the runner that a killed process or interleaved output
    // leaves open, swallowing our own later commands), each line that would parse as a command is
    // neutralised on its own. Our own commands never go through info(): core.* issues them.
    const line = (m) => say(m).split('\n').map(control/* neutraliseWorkflowCommand */.pb).join('\n');
    const annotation = (where) => where ? { file: where.file, ...(where.line ? { startLine: where.line } : {}) } : undefined;
    return {
        name: 'github',
        env,
        tempDir: env.RUNNER_TEMP || (0,external_node_os_.tmpdir)(),
        workspace: env.GITHUB_WORKSPACE || process.cwd(),
        // The runner applies action.yml defaults (githubDefault expressions included); readInputs the rest.
        input: (name) => core/* getInput */.V4(name),
        setOutput: (name, value) => core/* setOutput */.uH(name, value),
        setSecret(value) {
            if (!value)
                return;
            masker.add(value);
            core/* setSecret */.Pq(value);
        },
        info: (m) => core/* info */.pq(line(m)),
        debug: (m) => core/* debug */.Yz(say(m)),
        warn: (m, where) => core/* warning */.$e(say(m), annotation(where)),
        error: (m, where) => core/* error */.z3(say(m), annotation(where)),
        group: (title, fn) => core/* group */.Os((0,control/* escapeControlLine */.HZ)(masker.mask(title)), fn),
        async summary(markdown) {
            if (!env.GITHUB_STEP_SUMMARY)
                return;
            await core/* summary */.z.addRaw(say(markdown), true).write();
        },
        fail: (m) => core/* setFailed */.C1(say(m)),
    };
}

// EXTERNAL MODULE: ./src/actions/catalog.ts
var catalog = __webpack_require__(6648);
// EXTERNAL MODULE: ./src/actions/run-action.ts
var run_action = __webpack_require__(1737);
;// CONCATENATED MODULE: ./src/actions/dispatch.ts




/** The catalog entry of a step name; own keys only (`constructor` is no step). */
const stepEntry = (name) => (Object.hasOwn(catalog/* actions */.o, name) ? catalog/* actions */.o[name] : undefined);
/** Runs one step on the GitHub runner, as its `actions/<step>/action.yml` does. */
async function runGithubStep(name) {
    const entry = stepEntry(name);
    // Only a build that generated an entry for a step the catalog lacks gets here.
    if (!entry)
        throw new Error(`cdpack has no step '${name}'; expected one of ${Object.keys(catalog/* actions */.o).join(', ')}`);
    await (0,run_action/* runAction */.Cs)(githubPlatform(), entry.run);
}
/** The root action (Marketplace listing): runs the step named by the `action` input. */
async function run() {
    const name = core/* getInput */.V4('action');
    const entry = stepEntry(name);
    if (!entry) {
        const expected = `expected one of ${Object.keys(catalog/* actions */.o).join(', ')}`;
        core/* setFailed */.C1(`input 'action': ${name ? `${expected}, got '${name}'` : `is required; ${expected}`}`);
        return;
    }
    await (0,run_action/* runAction */.Cs)(githubPlatform(), entry.run);
}


/***/ })

};
