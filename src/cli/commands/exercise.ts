import type { Command } from 'commander';
import { getExercise, listExercises } from '../../services/planning/exercises.service.js';
import { getPlan } from '../../services/planning/plan.service.js';
import { switchNoPlay } from '../../services/conduct/no-play.service.js';
import { commCheck, startCommCheck, type CommCheckView } from '../../services/conduct/comm-check.service.js';
import { listMilestones, reachMilestone } from '../../services/conduct/branching.service.js';
import { progressBar } from '../progress.js';
import { cliActor, withContext } from '../context.js';
import { CATALOGUES, type MessageLang } from '../../core/messages/messages.js';
import { CLI_WORDS } from '../cli.texts.js';
import { codeIn, printJson, printTable } from '../output.js';
import { exerciseCommand } from './exercise-docs.js';
import { EXERCISE_WORDS, SHOWN_FIELDS } from './exercise.texts.js';
import { cliPolicy } from './msel.js';

/**
 * `dabyl exercise list|show`: what exists, for people and (with --json) for scripts;
 * `no-play|resume-play`: the NO PLAY switch, for an operator when the console cannot be reached;
 * `comm-check`: the communication check before STARTEX, sent and followed from a terminal;
 * `milestones`: what branching injects wait for, marked reached from a terminal or a script.
 */
export function registerExerciseCommands(program: Command, lang: MessageLang): void {
  const w = EXERCISE_WORDS[lang];
  // Statuses and channels as the console words them; English keeps the channels' codes.
  const words = CATALOGUES[lang].words;
  const channel = (c: string) => (lang === 'en' ? c : ((words.channel as Record<string, string>)[c] ?? c));
  const json = CLI_WORDS[lang].json;
  const exercise = exerciseCommand(program, lang);
  exercise
    .command('list')
    .description(w.list)
    .option('--json', json)
    .action(async (opts: { json?: boolean }) =>
      withContext(async (ctx) => {
        const items = await listExercises(ctx, cliPolicy());
        if (opts.json) printJson(items);
        else
          printTable(
            items.map((e) => ({
              ...e,
              type: codeIn(lang, 'exerciseType', e.type),
              status: words.status[e.status] ?? e.status,
            })),
            ['id', 'name', 'type', 'status', 'startexLocal', 'timeZone'],
            w.listColumns,
          );
      }),
    );
  exercise
    .command('show <id>')
    .description(w.show)
    .option('--json', json)
    .action(async (id: string, opts: { json?: boolean }) =>
      withContext(async (ctx) => {
        if (opts.json) return printJson(await getPlan(ctx, cliPolicy(), id));
        const e = await getExercise(ctx, cliPolicy(), id);
        // English keeps its columns as they were; the other languages align to their longest label.
        const width = lang === 'en' ? 16 : Math.max(...SHOWN_FIELDS.map((k) => w.fields[k].length));
        const shown = {
          ...e,
          type: codeIn(lang, 'exerciseType', e.type),
          status: words.status[e.status] ?? e.status,
        };
        for (const k of SHOWN_FIELDS) {
          const v = shown[k];
          if (v !== null) process.stdout.write(`${w.fields[k].padEnd(width)} ${String(v)}\n`);
        }
      }),
    );
  for (const [name, on] of [
    ['no-play', true],
    ['resume-play', false],
  ] as const)
    exercise
      .command(`${name} <id>`)
      .description(on ? w.noPlay : w.resumePlay)
      .requiredOption('--reason <text>', w.reason)
      .option('--json', json)
      .action(async (id: string, opts: { reason: string; json?: boolean }) =>
        withContext(async (ctx) => {
          const clock = await switchNoPlay(ctx, cliActor(), cliPolicy(), id, on, opts.reason);
          if (opts.json) return printJson(clock);
          process.stdout.write(
            clock.noPlay
              ? `${w.noPlayOn(clock.name, clock.reading.exercise, clock.noPlay.reason)}\n`
              : `${w.resumed(clock.name, clock.reading.exercise)}\n`,
          );
        }),
      );
  exercise
    .command('comm-check <id>')
    .description(w.commCheck)
    .option('--send', w.send)
    .option('--wait <seconds>', w.wait, '0')
    .option('--json', json)
    .action(async (id: string, opts: { send?: boolean; wait: string; json?: boolean }) =>
      withContext(async (ctx) => {
        // Why a way failed is worded in the terminal's language, as the console words it.
        let view = opts.send
          ? await startCommCheck(ctx, cliActor(), cliPolicy(), id, lang)
          : await commCheck(ctx, cliPolicy(), id, lang);
        const until = Date.now() + Math.max(0, Number(opts.wait) || 0) * 1000;
        const bar = progressBar(w.commBar, !opts.json);
        const total = (v: CommCheckView) => v.counts.people;
        while (view.round && view.counts.waiting > 0 && Date.now() < until) {
          bar.update(view.counts.reached, total(view));
          await new Promise((resolve) => setTimeout(resolve, 500));
          view = await commCheck(ctx, cliPolicy(), id, lang);
        }
        bar.stop();
        if (opts.json) return printJson(view);
        if (!view.round) {
          process.stdout.write(`${w.noRound}\n`);
          return;
        }
        process.stdout.write(`${w.round(view.round.number, view.round.startedAt, view.counts)}\n`);
        printTable(
          view.people.flatMap((p) =>
            (p.ways.length ? p.ways : [null]).map((way) => ({
              player: p.name,
              team: p.team ?? '',
              channel: way ? channel(way.channel) : w.noWay,
              address: way?.address ?? '',
              state: way?.state ?? '',
              at: way?.at ?? '',
              problem: way?.problem ?? '',
            })),
          ),
          ['player', 'team', 'channel', 'address', 'state', 'at', 'problem'],
          w.commColumns,
        );
      }),
    );
  exercise
    .command('milestones <id>')
    .description(w.milestones)
    .option('--reach <name>', w.reach)
    .option('--json', json)
    .action(async (id: string, opts: { reach?: string; json?: boolean }) =>
      withContext(async (ctx) => {
        const items =
          opts.reach !== undefined
            ? await reachMilestone(ctx, cliActor(), cliPolicy(), id, opts.reach)
            : await listMilestones(ctx, cliPolicy(), id);
        if (opts.json) return printJson(items);
        if (items.length === 0) {
          process.stdout.write(`${w.noMilestone}\n`);
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
          w.milestoneColumns,
        );
      }),
    );
}
