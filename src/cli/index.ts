#!/usr/bin/env node
import { handleTerminationSignals } from '../tools/process/cleanup';
import { main } from './main';

handleTerminationSignals();

process.exitCode = await main(process.argv.slice(2), process.env);
