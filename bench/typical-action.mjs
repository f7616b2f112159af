// The "typical action" peer for the cold-start benchmark: what a JavaScript action built the usual way loads.
// bench/cold-start.mjs bundles this file with ncc (like actions/cache's dist: @actions/core, exec, http-client and
// cache in one file) and times it failing on its first required input, as the cdpack bundle is timed.
import * as cache from '@actions/cache';
import * as core from '@actions/core';
import * as exec from '@actions/exec';
import { HttpClient } from '@actions/http-client';

const key = core.getInput('key', { required: true });
const http = new HttpClient('bench');
await exec.exec('true');
await cache.restoreCache([key], key);
http.dispose();
