/**
 * The siren-controller simulator as a process of its own, without the rest of the CLI, so tests
 * start several of them quickly: `node --import tsx src/cli/siren-simulate.ts --url … --prefix …
 * --key … [--silent] [--ack-twice] [--battery N] [--on-battery] [--fault TEXT]`. `dabyl siren
 * simulate` takes the same options.
 */
import { parseArgs } from 'node:util';
import { runSirenSimulator } from './siren-simulator.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    prefix: { type: 'string' },
    key: { type: 'string' },
    silent: { type: 'boolean' },
    'ack-twice': { type: 'boolean' },
    battery: { type: 'string' },
    'on-battery': { type: 'boolean' },
    fault: { type: 'string' },
  },
});
if (!values.url || !values.prefix || !values.key) {
  process.stderr.write('siren-simulate: --url, --prefix and --key are required\n');
  process.exit(2);
}
const stop = await runSirenSimulator({
  url: values.url,
  prefix: values.prefix,
  key: values.key,
  silent: Boolean(values.silent),
  ackTwice: Boolean(values['ack-twice']),
  battery: values.battery === undefined ? 100 : Number(values.battery),
  mains: !values['on-battery'],
  fault: values.fault ?? null,
});
await new Promise<void>((resolve) => {
  process.once('SIGTERM', resolve);
  process.once('SIGINT', resolve);
});
await stop();
