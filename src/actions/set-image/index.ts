import { handleTerminationSignals } from '../../tools/process/cleanup';
import { run } from './main';

handleTerminationSignals();
await run();
