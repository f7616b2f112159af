import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 4296:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   f6: () => (/* binding */ FileError),
/* harmony export */   xd: () => (/* binding */ CdpackError)
/* harmony export */ });
/** An error the user can act on: it names what was wrong and what was expected. */
class CdpackError extends Error {
    name = 'CdpackError';
}
/** A bad value for a named input. The message always starts with the input's name. */
class InputError extends CdpackError {
    input;
    name = 'InputError';
    constructor(input, detail) {
        super(`input '${input}': ${shortenQuoted(detail)}`);
        this.input = input;
    }
}
/** Longest quoted value an error repeats whole; a 1 MB input is shown by its two ends and its length. */
const MAX_QUOTED = 200;
const LONG_QUOTED = new RegExp(`'([^']{${MAX_QUOTED + 1},})'`, 'g');
function shortenQuoted(detail) {
    return detail.replace(LONG_QUOTED, (_all, value) => `'${value.slice(0, 60)}…${value.slice(-20)}' (${value.length} characters)`);
}
/** A problem located in a file of the user's repository. */
class FileError extends CdpackError {
    file;
    line;
    name = 'FileError';
    constructor(file, line, detail) {
        super(`${file}${line ? `:${line}` : ''}: ${detail}`);
        this.file = file;
        this.line = line;
    }
}


/***/ }),

/***/ 5825:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Ar: () => (/* binding */ handleTerminationSignals),
/* harmony export */   Ki: () => (/* binding */ onCleanup),
/* harmony export */   v$: () => (/* binding */ stoppingSignal),
/* harmony export */   yH: () => (/* binding */ trackChild),
/* harmony export */   zf: () => (/* binding */ StoppingError)
/* harmony export */ });
/* unused harmony exports killChildren, runCleanups */
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(8161);
/* harmony import */ var node_os__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_os__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _core_errors__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(4296);


const cleanups = new Set();
/** Process groups we started, by group id (the leader's pid); kept while any member lives. */
const groups = new Set();
let stoppingOn;
/** Thrown when a tool would start while cdpack is stopping on a signal. */
class StoppingError extends _core_errors__WEBPACK_IMPORTED_MODULE_1__/* .CdpackError */ .xd {
    signal;
    name = 'StoppingError';
    constructor(signal) {
        super(`cdpack is stopping (${signal}); no further tool is started`);
        this.signal = signal;
    }
}
/** The signal cdpack is stopping on, if any. */
function stoppingSignal() {
    return stoppingOn;
}
/**
 * Registers a synchronous cleanup (removing a temporary dir that may hold credentials) to run when
 * the process stops on a signal or exits with it still registered; returns its removal.
 */
function onCleanup(fn) {
    cleanups.add(fn);
    return () => {
        cleanups.delete(fn);
    };
}
/** Sends `signal` to a process group; false when the group no longer exists. */
function signalGroup(pgid, signal) {
    try {
        process.kill(-pgid, signal);
        return true;
    }
    catch (e) {
        return e.code === 'EPERM';
    }
}
/**
 * Tracks the process group of a child spawned with `detached: true`. The group outlives its leader
 * while anything the tool started still runs (a shell's background job, a helper), so it is
 * forgotten only once it is empty.
 */
function trackChild(child) {
    const pgid = child.pid;
    if (pgid === undefined)
        return;
    groups.add(pgid);
    child.once('exit', () => {
        if (!signalGroup(pgid, 0))
            groups.delete(pgid);
    });
    // Spawned in the instant the stop began: it does not get to run.
    if (stoppingOn)
        signalGroup(pgid, 'SIGKILL');
}
/** Signals every tracked process group (0: only checks them); returns how many still exist. */
function killChildren(signal) {
    for (const pgid of groups)
        if (!signalGroup(pgid, signal))
            groups.delete(pgid);
    return groups.size;
}
/** Runs and forgets every registered cleanup; one failing does not stop the others. */
function runCleanups() {
    for (const fn of [...cleanups].reverse()) {
        cleanups.delete(fn);
        try {
            fn();
        }
        catch { }
    }
}
/** Resolves once every tracked group is empty, or after `ms`. */
async function groupsGone(ms, hurry) {
    const deadline = Date.now() + ms;
    let hurried = false;
    void hurry.then(() => {
        hurried = true;
    });
    while (killChildren(0) > 0 && Date.now() < deadline && !hurried) {
        await new Promise((resolve) => setTimeout(resolve, 25));
    }
}
/**
 * On SIGTERM/SIGINT: signal the children's process groups, wait up to the grace period, SIGKILL what
 * is left, run the cleanups, exit with 128 + the signal's number (143, 130). A second signal skips the
 * wait. On any exit, children still tracked are killed and cleanups still registered run.
 */
function handleTerminationSignals(options = {}) {
    const graceMs = options.graceMs ?? 5000;
    const report = options.report ?? ((m) => process.stderr.write(`${m}\n`));
    const exit = options.exit ?? ((code) => process.exit(code));
    let hurry = () => { };
    const hurried = new Promise((resolve) => {
        hurry = resolve;
    });
    const onSignal = async (signal) => {
        if (stoppingOn) {
            hurry();
            return;
        }
        stoppingOn = signal;
        const code = 128 + (node_os__WEBPACK_IMPORTED_MODULE_0__.constants.signals[signal] ?? 15);
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
        if (stoppingOn)
            process.exitCode = 128 + (node_os__WEBPACK_IMPORTED_MODULE_0__.constants.signals[stoppingOn] ?? 15);
    };
    const listeners = ['SIGTERM', 'SIGINT'].map((signal) => {
        const listener = () => void onSignal(signal);
        process.on(signal, listener);
        return [signal, listener];
    });
    process.on('exit', onExit);
    return () => {
        for (const [signal, listener] of listeners)
            process.off(signal, listener);
        process.off('exit', onExit);
    };
}


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 5317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 4708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 6193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:string_decoder");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 3557:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};
/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   N$: () => (/* binding */ runGithubStep),
/* harmony export */   RT: () => (/* binding */ runDispatcher),
/* harmony export */   ak: () => (/* binding */ runCli)
/* harmony export */ });
/* harmony import */ var _tools_process_cleanup__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(5825);
/**
 * The one library dist/ ships (dist/lib). Every published entry is a two-line file that
 * scripts/build.mjs generates next to it: each step's GitHub action (dist/<step>/index.js), the
 * Marketplace dispatcher (dist/cdpack/index.js) and the CLI bin (dist/cli/index.js).
 *
 * Only the signal handling is loaded up front; the rest comes in lazily (its own chunks), so an
 * entry loads only what it runs: the CLI never loads @actions/core, a step only its own body.
 */

/** A step as the GitHub runner runs it (`actions/<step>/action.yml`): inputs from INPUT_*. */
async function runGithubStep(name) {
    (0,_tools_process_cleanup__WEBPACK_IMPORTED_MODULE_0__/* .handleTerminationSignals */ .Ar)();
    const { runGithubStep: run } = await Promise.all(/* import() */[__nccwpck_require__.e(119), __nccwpck_require__.e(421), __nccwpck_require__.e(528), __nccwpck_require__.e(670)]).then(__nccwpck_require__.bind(__nccwpck_require__, 670));
    await run(name);
}
/** The root action (Marketplace listing): the step named by the `action` input. */
async function runDispatcher() {
    (0,_tools_process_cleanup__WEBPACK_IMPORTED_MODULE_0__/* .handleTerminationSignals */ .Ar)();
    const { run } = await Promise.all(/* import() */[__nccwpck_require__.e(119), __nccwpck_require__.e(421), __nccwpck_require__.e(528), __nccwpck_require__.e(670)]).then(__nccwpck_require__.bind(__nccwpck_require__, 670));
    await run();
}
/** The `cdpack` bin; sets the exit code. */
async function runCli(argv) {
    (0,_tools_process_cleanup__WEBPACK_IMPORTED_MODULE_0__/* .handleTerminationSignals */ .Ar)();
    const { main } = await Promise.all(/* import() */[__nccwpck_require__.e(528), __nccwpck_require__.e(991)]).then(__nccwpck_require__.bind(__nccwpck_require__, 7991));
    process.exitCode = await main(argv, process.env);
}

var __webpack_exports__runCli = __webpack_exports__.ak;
var __webpack_exports__runDispatcher = __webpack_exports__.RT;
var __webpack_exports__runGithubStep = __webpack_exports__.N$;
export { __webpack_exports__runCli as runCli, __webpack_exports__runDispatcher as runDispatcher, __webpack_exports__runGithubStep as runGithubStep };
