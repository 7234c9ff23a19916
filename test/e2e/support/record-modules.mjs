/**
 * Preloaded with `node --import` (through NODE_OPTIONS): records the URL of every module the
 * process resolves through the ESM loader, and writes them, one per line, to the file named by
 * RECORD_MODULES_FILE when the process exits. Plain JavaScript: it runs before any TypeScript loader.
 */
import { writeFileSync } from 'node:fs';
import process from 'node:process';
import { register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';

const file = process.env.RECORD_MODULES_FILE;
if (file === undefined || file === '') {
  throw new Error('record-modules.mjs needs RECORD_MODULES_FILE');
}
const urls = new Set();
const { port1, port2 } = new MessageChannel();
port1.on('message', (url) => urls.add(url));
port1.unref();
register('./record-modules-hooks.mjs', import.meta.url, {
  data: { port: port2 },
  transferList: [port2],
});
process.on('exit', () => writeFileSync(file, [...urls].join('\n')));
