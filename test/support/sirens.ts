/**
 * Siren controllers and a broker as real separate processes: the siren-controller simulator
 * (src/cli/siren-simulate.ts) and, for outage tests, a Mosquitto of the test's own on a free port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SIMULATOR = fileURLToPath(new URL('../../src/cli/siren-simulate.ts', import.meta.url));

export interface SimulatorEvent {
  event: string;
  id?: string;
  action?: string;
  pattern?: string;
  announcement?: string | null;
  alert?: string | null;
  exercise?: boolean;
  repeat?: boolean;
  times?: number;
  message?: string;
}

export interface SimulatedSiren {
  events: SimulatorEvent[];
  /** Resolves with the first event that satisfies `test`, however long it takes to come. */
  waitFor(test: (e: SimulatorEvent) => boolean): Promise<SimulatorEvent>;
  stop(): Promise<void>;
}

/** A simulator process, resolved once subscribed; one that exits or hangs first fails with what it said. */
export async function startSimulatedSiren(args: {
  url: string;
  prefix: string;
  key: string;
  flags?: string[];
}): Promise<SimulatedSiren> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      SIMULATOR,
      '--url',
      args.url,
      '--prefix',
      args.prefix,
      // A base64url key may begin with "-": joined to its option, it is never read as another option.
      `--key=${args.key}`,
      ...(args.flags ?? []),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const events: SimulatorEvent[] = [];
  const waiters: { test: (e: SimulatorEvent) => boolean; resolve: (e: SimulatorEvent) => void }[] = [];
  let buffer = '';
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  child.stdout!.on('data', (d: Buffer) => {
    buffer += d.toString();
    let nl: number;
    while ((nl = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      if (!line.trim()) continue;
      const e = JSON.parse(line) as SimulatorEvent;
      events.push(e);
      for (const w of [...waiters])
        if (w.test(e)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(e);
        }
    }
  });
  const waitFor = (test: (e: SimulatorEvent) => boolean) =>
    new Promise<SimulatorEvent>((resolve) => {
      const seen = events.find(test);
      if (seen) resolve(seen);
      else waiters.push({ test, resolve });
    });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code, signal) =>
      reject(new Error(`exited (${signal ?? code}) before it was ready: ${stderr.trim() || 'no output'}`)),
    ),
  );
  exited.catch(() => undefined);
  let slow: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    slow = setTimeout(() => {
      const seen = events.map((e) => e.event).join(', ') || 'nothing';
      void stopChild(child);
      reject(new Error(`not ready after 45 s (it said: ${seen}; stderr: ${stderr.trim() || 'none'})`));
    }, 45_000);
  });
  late.catch(() => undefined);
  try {
    await Promise.race([waitFor((e) => e.event === 'ready'), exited, late]);
  } finally {
    clearTimeout(slow);
  }
  return { events, waitFor, stop: () => stopChild(child) };
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A Mosquitto of the test's own on loopback, which the test can stop and start again. */
export async function startOwnBroker(port: number): Promise<{ url: string; stop(): Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'dabyl-mqtt-'));
  const conf = path.join(dir, 'mosquitto.conf');
  writeFileSync(conf, `listener ${port} 127.0.0.1\nallow_anonymous true\npersistence false\n`);
  const child = spawn('mosquitto', ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  // Listening once a plain TCP connection is accepted.
  for (let i = 0; ; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = createServer();
      s.once('error', () => resolve(true));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(false)));
    });
    if (ok) break;
    if (child.exitCode !== null || i > 200) throw new Error(`mosquitto did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  return {
    url: `mqtt://127.0.0.1:${port}`,
    stop: async () => {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
