// One promote in its own process, so that its peak RSS can be read by GNU time (bench/promote-memory.ts).
// Usage: node --import tsx bench/promote-child.ts <source> <destination>   (no arguments: imports only, the floor)
import { RegistryClient } from '../src/tools/registry/client';
import { promote } from '../src/tools/registry/promote';

const [source, destination] = process.argv.slice(2);
if (source && destination) {
  const client = new RegistryClient();
  try {
    const r = await promote({ client, source, destinations: [destination] });
    console.log(`copied ${r.copied} blobs, ${r.bytesCopied} bytes`);
  } finally {
    client.close();
  }
}
