/**
 * What the real SMTP and SMPP servers of the end-to-end run received, read as a player's handset
 * and mail box show it: which message each one is (the communication check, inject N, the survey),
 * and whether it is marked as exercise traffic, first line to last.
 */
import { EXERCISE_HEAD } from '../../src/core/outbox/traffic.js';
import type { AppContext } from '../../src/services/context.js';
import type { TestSmsc } from '../support/smsc.js';
import type { TestSmtp } from '../support/smtp.js';
import { PLAYERS, type DemoRun, type Player } from './exercise-end-to-end.setup.js';

export interface Peers {
  smtp: TestSmtp;
  smsc: TestSmsc;
}

/** "Serik Nurpeisov sms: inject 3": one message to one player on one channel. */
export const key = (player: Player, channel: 'email' | 'sms', what: string) =>
  `${player.name} ${channel}: ${what}`;

/** What a message is, from its first line after the marking, in any of the players' languages. */
function whatIs(line: string): string {
  const inject = /^(?:Inject|Вводная|Кіріспе) (\S+): /.exec(line);
  if (inject) return `inject ${inject[1]}`;
  const check =
    /^(?:Communication check|Проверка связи|Байланысты тексеру) \((?:round|раунд|кезең) (\d+)\)/.exec(line);
  if (check) return `comm check ${check[1]}`;
  if (/^(?:Feedback survey|Опрос участников|Қатысушылар сауалнамасы): /.test(line)) return 'survey';
  return `unknown: ${line}`;
}

/** The marking's first line, "EXERCISE EXERCISE EXERCISE - УЧЕНИЯ", and the subject's "…: ". */
const HEAD = new RegExp(`^${EXERCISE_HEAD} - [^:\\n]+(?::\\s|\\n)`);

export interface Received {
  /** How many times each message arrived. */
  counts: Record<string, number>;
  /** Messages not marked as exercise traffic from their first line to their last, with why. */
  unmarked: string[];
}

/** Everything the two servers received for the run's players so far. */
export function received(peers: Peers, exerciseName: string): Received {
  const counts: Record<string, number> = {};
  const unmarked: string[] = [];
  const count = (k: string) => (counts[k] = (counts[k] ?? 0) + 1);
  const endsWithName = (text: string) => text.trimEnd().endsWith(exerciseName);
  for (const mail of peers.smtp.mails) {
    const to = [mail.to]
      .flat()
      .map((a) => a?.text ?? '')
      .join(',');
    const player = PLAYERS.find((p) => to.includes(p.email));
    if (!player) continue;
    const subject = mail.subject ?? '';
    const k = key(player, 'email', whatIs(subject.replace(HEAD, '')));
    count(k);
    const text = mail.text ?? '';
    if (!HEAD.test(subject) || !text.startsWith(EXERCISE_HEAD) || !endsWithName(text))
      unmarked.push(`${k}: ${JSON.stringify({ subject, text })}`);
  }
  for (const sms of peers.smsc.messages) {
    const player = PLAYERS.find((p) => p.phone.replace(/^\+/, '') === sms.destination);
    if (!player) continue;
    const k = key(player, 'sms', whatIs(sms.text.split('\n')[1] ?? ''));
    count(k);
    // Both players read Cyrillic: their SMS go as UCS-2.
    if (!sms.text.startsWith(EXERCISE_HEAD) || !endsWithName(sms.text) || sms.dataCoding !== 8)
      unmarked.push(`${k}: ${JSON.stringify({ text: sms.text, dataCoding: sms.dataCoding })}`);
  }
  return { counts, unmarked };
}

/**
 * Each message the run should have sent, once: every round of the communication check, every inject
 * that fired to the player's team or to everyone, and the survey once ENDEX has sent it, to each
 * player's mail box and phone.
 */
export async function expected(ctx: AppContext, run: DemoRun): Promise<Record<string, number>> {
  const db = ctx.db.kysely;
  const fired = await db
    .selectFrom('inject_runs')
    .select(['number', 'to_team_ids'])
    .where('exercise_id', '=', run.exerciseId)
    .where('status', '=', 'fired')
    .execute();
  const rounds = await db
    .selectFrom('comm_checks')
    .select('round')
    .where('exercise_id', '=', run.exerciseId)
    .execute();
  const survey = await db
    .selectFrom('surveys')
    .select('sent_at')
    .where('exercise_id', '=', run.exerciseId)
    .executeTakeFirst();
  const out: Record<string, number> = {};
  for (const player of PLAYERS) {
    const team = run.teams.get(player.team)!;
    const what = [
      ...rounds.map((r) => `comm check ${r.round}`),
      ...fired
        .filter((r) => {
          const to = JSON.parse(r.to_team_ids) as string[];
          return to.length === 0 || to.includes(team);
        })
        .map((r) => `inject ${r.number}`),
      ...(survey?.sent_at ? ['survey'] : []),
    ];
    for (const channel of ['email', 'sms'] as const) for (const w of what) out[key(player, channel, w)] = 1;
  }
  return out;
}
