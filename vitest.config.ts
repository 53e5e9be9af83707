import { availableParallelism } from 'node:os';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/** Browser and whole-binary files: each takes minutes of mostly waiting on other processes. */
const SLOW = /[/\\]test[/\\](browser|cli)[/\\]/;

/**
 * Slow files first, in the order vitest would pick (longest last time, or largest on a clean
 * clone that has no record of last time): with more than one worker, a long file started at the
 * end would otherwise run on alone after every other worker has finished.
 */
class SlowFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return [...sorted.filter((f) => SLOW.test(f.moduleId)), ...sorted.filter((f) => !SLOW.test(f.moduleId))];
  }
}

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/**/*.test.ts'],
    globalSetup: ['test/setup/global.ts'],
    // The CLI speaks the locale's language when DABYL_LANG is unset: on a machine whose LANG is
    // Russian, tests reading the English output (and the spawned server's "listening on") would
    // read Russian. A test that wants another language sets DABYL_LANG itself.
    env: { DABYL_LANG: 'en' },
    // Guards against a hang, not speed checks: on a shared machine under load, starting a server and
    // Chromium beside the workers' first imports took past 60 s in a clean-clone run.
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // Files run one after another in a worker that stays up: each isolated file imported the whole
    // server again (710 s of a 41-minute run). Every file opens and closes its own databases, ports,
    // servers and folders, and shared helpers keep no state one file could leave to the next
    // (decision 0052).
    isolate: false,
    // At least two files at a time, also on two cores: most of the slow files wait on other
    // processes (Chromium, a spawned server, PostgreSQL), so a second worker overlaps that waiting.
    // Every file has databases, ports and temporary folders of its own (docs/testing.md).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    sequence: { sequencer: SlowFilesFirst },
  },
});
