import type { Command } from 'commander';
import { getExercise, listExercises } from '../../services/planning/exercises.service.js';
import { getPlan } from '../../services/planning/plan.service.js';
import { switchNoPlay } from '../../services/conduct/no-play.service.js';
import { commCheck, startCommCheck, type CommCheckView } from '../../services/conduct/comm-check.service.js';
import { listMilestones, reachMilestone } from '../../services/conduct/branching.service.js';
import { progressBar } from '../progress.js';
import { cliActor, withContext } from '../context.js';
import { cliLanguage, printJson, printTable } from '../output.js';
import { exerciseCommand } from './exercise-docs.js';
import { cliPolicy } from './msel.js';

/**
 * `dabyl exercise list|show`: what exists, for people and (with --json) for scripts;
 * `no-play|resume-play`: the NO PLAY switch, for an operator when the console cannot be reached;
 * `comm-check`: the communication check before STARTEX, sent and followed from a terminal;
 * `milestones`: what branching injects wait for, marked reached from a terminal or a script.
 */
export function registerExerciseCommands(program: Command): void {
  const exercise = exerciseCommand(program);
  exercise
    .command('list')
    .description('every exercise, by STARTEX')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) =>
      withContext(async (ctx) => {
        const items = await listExercises(ctx, cliPolicy());
        if (opts.json) printJson(items);
        else
          printTable(items as unknown as Record<string, unknown>[], [
            'id',
            'name',
            'type',
            'status',
            'startexLocal',
            'timeZone',
          ]);
      }),
    );
  exercise
    .command('show <id>')
    .description('one exercise with its plan: objectives, venues, teams, people')
    .option('--json', 'machine-readable output')
    .action(async (id: string, opts: { json?: boolean }) =>
      withContext(async (ctx) => {
        if (opts.json) return printJson(await getPlan(ctx, cliPolicy(), id));
        const e = await getExercise(ctx, cliPolicy(), id);
        for (const [k, v] of Object.entries(e))
          if (v !== null && typeof v !== 'object') process.stdout.write(`${k.padEnd(16)} ${String(v)}\n`);
      }),
    );
  for (const [name, on] of [
    ['no-play', true],
    ['resume-play', false],
  ] as const)
    exercise
      .command(`${name} <id>`)
      .description(
        on
          ? 'NO PLAY: halt all of the exercise’s traffic, its clock and its player view at once (a real emergency)'
          : 'lift NO PLAY: held deliveries go out, injects that came due follow the pause policy',
      )
      .requiredOption('--reason <text>', 'why (everyone in the exercise sees it; kept in the audit log)')
      .option('--json', 'machine-readable output')
      .action(async (id: string, opts: { reason: string; json?: boolean }) =>
        withContext(async (ctx) => {
          const clock = await switchNoPlay(ctx, cliActor(), cliPolicy(), id, on, opts.reason);
          if (opts.json) return printJson(clock);
          process.stdout.write(
            clock.noPlay
              ? `NO PLAY on for ${clock.name} at ${clock.reading.exercise}: ${clock.noPlay.reason}\n`
              : `play resumed for ${clock.name} at ${clock.reading.exercise}\n`,
          );
        }),
      );
  exercise
    .command('comm-check <id>')
    .description(
      'the communication check: per player, each way of reaching them and whether it arrived; --send starts a round',
    )
    .option('--send', 'send a new round to every player’s inbox and phone-book contact first')
    .option('--wait <seconds>', 'follow the round until nothing is on its way, at most this long', '0')
    .option('--json', 'machine-readable output')
    .action(async (id: string, opts: { send?: boolean; wait: string; json?: boolean }) =>
      withContext(async (ctx) => {
        // Why a way failed is worded in the terminal's language, as the console words it.
        const lang = cliLanguage(process.env) ?? 'en';
        let view = opts.send
          ? await startCommCheck(ctx, cliActor(), cliPolicy(), id, lang)
          : await commCheck(ctx, cliPolicy(), id, lang);
        const until = Date.now() + Math.max(0, Number(opts.wait) || 0) * 1000;
        const bar = progressBar('communication check', !opts.json);
        const total = (v: CommCheckView) => v.counts.people;
        while (view.round && view.counts.waiting > 0 && Date.now() < until) {
          bar.update(view.counts.reached, total(view));
          await new Promise((resolve) => setTimeout(resolve, 500));
          view = await commCheck(ctx, cliPolicy(), id, lang);
        }
        bar.stop();
        if (opts.json) return printJson(view);
        if (!view.round) {
          process.stdout.write('no communication check has been sent yet (--send starts one)\n');
          return;
        }
        const c = view.counts;
        process.stdout.write(
          `round ${view.round.number}, started ${view.round.startedAt}: ${c.reached} of ${c.people} players reached, ` +
            `${c.confirmed} confirmed, ${c.failed} failed, ${c.waiting} on the way\n`,
        );
        printTable(
          view.people.flatMap((p) =>
            (p.ways.length ? p.ways : [null]).map((w) => ({
              player: p.name,
              team: p.team ?? '',
              channel: w?.channel ?? '(no way to reach)',
              address: w?.address ?? '',
              state: w?.state ?? '',
              at: w?.at ?? '',
              problem: w?.problem ?? '',
            })),
          ),
          ['player', 'team', 'channel', 'address', 'state', 'at', 'problem'],
        );
      }),
    );
  exercise
    .command('milestones <id>')
    .description(
      'the milestones injects wait for, and those reached; --reach marks one and releases what waits',
    )
    .option('--reach <name>', 'mark this milestone reached (a second time changes nothing)')
    .option('--json', 'machine-readable output')
    .action(async (id: string, opts: { reach?: string; json?: boolean }) =>
      withContext(async (ctx) => {
        const items =
          opts.reach !== undefined
            ? await reachMilestone(ctx, cliActor(), cliPolicy(), id, opts.reach)
            : await listMilestones(ctx, cliPolicy(), id);
        if (opts.json) return printJson(items);
        if (items.length === 0) {
          process.stdout.write('no milestone is named in the plan or reached yet\n');
          return;
        }
        printTable(
          items.map((m) => ({
            milestone: m.name,
            reached: m.exerciseTime ?? '',
            by: m.reachedBy ?? '',
            waiting: m.waiting,
          })),
          ['milestone', 'reached', 'by', 'waiting'],
        );
      }),
    );
}
