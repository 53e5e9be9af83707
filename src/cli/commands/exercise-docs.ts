import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { Actor } from '../../core/policy/policy.js';
import { exerciseCalendar } from '../../services/planning/calendar.service.js';
import { withContext } from '../context.js';

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
}
