/**
 * The real `dabyl` binary as a person or a script runs it (`node bin/dabyl.js …`), for tests of
 * whole commands and of several processes: one-shot runs, and `dabyl serve` until it listens.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/dabyl.js', import.meta.url));

/** The developer's own DABYL_* settings must not leak into the binary under test. */
function cleanEnv(): Record<string, string> {
  return {
    ...Object.fromEntries(
      Object.entries(process.env).filter(
        (e): e is [string, string] => e[1] !== undefined && !e[0].startsWith('DABYL_'),
      ),
    ),
    // English unless a test asks for another language, whatever the machine's locale.
    DABYL_LANG: 'en',
  };
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function dabyl(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...cleanEnv(), DABYL_LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface Served {
  child: ChildProcess;
  /** Resolves with the base URL once it listens; rejects if it exits first. */
  url: Promise<string>;
  stdout(): string;
  /** SIGTERM, then waits for it to exit. */
  close(): Promise<void>;
}

/** `dabyl serve` on a port of its own, on 127.0.0.1; `args` such as `['--role', 'worker']`. */
export function serveBin(env: Record<string, string>, args: string[] = []): Served {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], {
    env: { ...cleanEnv(), DABYL_LOG_LEVEL: 'silent', ...env, DABYL_PORT: '0', DABYL_HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      const found = /listening on (http:\/\/\S+)/.exec(stdout)?.[1];
      if (found) resolve(found);
    });
    child.once('exit', (code) => reject(new Error(`dabyl serve exited with ${code}: ${stderr}`)));
  });
  url.catch(() => undefined);
  return {
    child,
    url,
    stdout: () => stdout,
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * The same command tree the binary runs (`main` of src/cli/main.ts), called in this process with
 * the given DABYL_* environment, standard input and captured output: what `dabyl()` proves of a
 * command without the Node.js start-up and module loading a spawned process pays every time.
 * Tests spawn the real binary at least once per command family and use this for the rest. Calls
 * must not overlap: the environment and the standard streams are the process's own.
 */
export async function dabylInProcess(args: string[], env: Record<string, string>, input = ''): Promise<Run> {
  const { main } = await import('../../src/cli/main.js');
  const savedEnv = { ...process.env };
  for (const key of Object.keys(process.env)) if (key.startsWith('DABYL_')) delete process.env[key];
  Object.assign(process.env, { DABYL_LOG_LEVEL: 'silent', ...env });
  const stdin = Object.getOwnPropertyDescriptor(process, 'stdin')!;
  Object.defineProperty(process, 'stdin', { configurable: true, value: Readable.from([Buffer.from(input)]) });
  const out = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
  const writers = { stdout: process.stdout.write, stderr: process.stderr.write };
  const capture = (name: 'stdout' | 'stderr') =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      out[name].push(Buffer.from(chunk));
      const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      done?.();
      return true;
    }) as typeof process.stdout.write;
  process.stdout.write = capture('stdout');
  process.stderr.write = capture('stderr');
  try {
    const code = await main(args);
    return {
      code,
      stdout: Buffer.concat(out.stdout).toString(),
      stderr: Buffer.concat(out.stderr).toString(),
    };
  } finally {
    process.stdout.write = writers.stdout;
    process.stderr.write = writers.stderr;
    Object.defineProperty(process, 'stdin', stdin);
    for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
    Object.assign(process.env, savedEnv);
  }
}
