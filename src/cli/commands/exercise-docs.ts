import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Actor } from '../../core/policy/policy.js';
import { importBundle, parseBundle } from '../../services/planning/bundle-import.service.js';
import { exportBundle } from '../../services/planning/bundle.service.js';
import { exerciseCalendar } from '../../services/planning/calendar.service.js';
import { cliActor, withContext } from '../context.js';
import { readStdin } from '../output.js';

/** The CLI is the local operator, who may read everything (as `dabyl admin` may change everything). */
export const CLI_POLICY: Actor = {
  userId: 'cli',
  grants: [{ role: 'admin', organisationId: null, exerciseId: null }],
};

/** Writes to --out, or to standard output (a pipe or a redirect) when none is given. */
export function emit(data: string | Buffer, out: string | undefined): void {
  if (out) writeFileSync(out, data);
  else process.stdout.write(data);
}

/** `dabyl exercise …` may be created by another command module too; both add to the same one. */
export function exerciseCommand(program: Command): Command {
  return (
    program.commands.find((c) => c.name() === 'exercise') ??
    program.command('exercise').description('exercises: plans, calendars, documents, bundles')
  );
}

/** `dabyl exercise ics|doc|export|import`: what an exercise hands to people and to other installations. */
export function registerExerciseDocCommands(program: Command): void {
  const exercise = exerciseCommand(program);
  exercise
    .command('ics <id>')
    .description('the exercise as iCalendar (RFC 5545): STARTEX–ENDEX and each timed zone or road closure')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (id: string, opts: { out?: string }) =>
      withContext(async (ctx) => emit(await exerciseCalendar(ctx, CLI_POLICY, id), opts.out)),
    );
  exercise
    .command('export <id>')
    .description(
      'the whole exercise as one JSON bundle (plan, teams, venues, objectives, MSEL with approval)',
    )
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (id: string, opts: { out?: string }) =>
      withContext(async (ctx) =>
        emit(JSON.stringify(await exportBundle(ctx, CLI_POLICY, id), null, 2) + '\n', opts.out),
      ),
    );
  exercise
    .command('import <file>')
    .description('create a new exercise from a bundle ("-" reads standard input); prints its id')
    .action(async (file: string) =>
      withContext(async (ctx) => {
        const text = file === '-' ? await readStdin() : readFileSync(file, 'utf8');
        const id = await importBundle(ctx, cliActor(), CLI_POLICY, parseBundle(text));
        process.stdout.write(`${id}\n`);
      }),
    );
}
