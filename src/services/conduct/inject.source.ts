import { notSentOver, type ChannelMessage } from '../../channels/channel.js';
import { EXERCISE_HEAD, markLine, markText } from '../../core/outbox/traffic.js';
import { fitSms } from '../../core/sms/fit.js';
import type { InjectRunRow } from '../../store/conduct-tables.js';
import type { AppContext } from '../context.js';
import type { AudienceMember, OutboxSource, RenderTarget } from '../outbox/source.js';
import { injectLinksFor } from '../play/inject-link.service.js';

/** "Inject 12" in the player's language; the inject's own text is as the planners wrote it. */
const LABEL: Record<string, string> = { kk: 'Кіріспе', ru: 'Вводная', en: 'Inject' };
const labelIn = (language: string) => LABEL[language] ?? LABEL.en!;

/** The words before the link that lets a player without an account acknowledge and report. */
const ANSWER: Record<string, string> = {
  kk: 'Растау және есеп беру',
  ru: 'Подтвердить и доложить',
  en: 'Acknowledge and report',
};
const answerIn = (language: string) => ANSWER[language] ?? ANSWER.en!;

/**
 * An in-app inject as a reader of `language` sees it: labelled and marked in their language, as the
 * dispatcher marks it (`markMessage`). The inbox keeps the text as delivered, in the language the
 * player's account had then; a player who reads the console in another language since is shown
 * the marking in that one, so "exercise" is never in a language they did not choose. A text
 * delivered unmarked (never an exercise's) is left as it is.
 */
export function inboxInjectIn(
  delivered: { title: string; body: string },
  run: { number: string; title: string; content: string },
  language: string,
  exerciseName: string,
): { title: string; body: string } {
  if (!delivered.title.startsWith(EXERCISE_HEAD)) return delivered;
  return {
    title: markLine(`${labelIn(language)} ${run.number}: ${run.title}`, language),
    body: markText(run.content, language, exerciseName),
  };
}

/** Whether the message may carry a link to the inject: an e-mail or SMS to a phone-book contact. */
const mayCarryLink = (target: RenderTarget) =>
  (target.kind === 'email' || target.kind === 'sms') &&
  target.recipientKind === 'participant' &&
  !!target.recipientId &&
  !!target.deliveryId;

/** What the renders of a batch of an inject's deliveries share. */
export interface InjectBatch {
  /** The link each delivery carries, by delivery id; none for players who sign in, nor for inboxes. */
  links: Map<string, string | null>;
  /** The exercise's name, for fitting an SMS with its marking; null when no SMS is fitted. */
  exerciseName: string | null;
}

const smsSegmentsAllowed = (ctx: AppContext) =>
  [...ctx.channels.byName.values()].find((c) => c.kind === 'sms')?.limits.maxSegments;

const exerciseNameOf = async (ctx: AppContext, id: string) =>
  (await ctx.db.kysely.selectFrom('exercises').select('name').where('id', '=', id).executeTakeFirst())
    ?.name ?? null;

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const BATCH = 1000;

/**
 * Injects of a running exercise, as the players receive them. A fired inject reaches its target
 * teams' players (every player when it names no team) through the exercise's phone book, never a
 * resident's contact, and the in-app inbox of each such player who has an account; an e-mail or SMS
 * to a player without one carries a link to acknowledge and report (decision 0040). What players
 * must not see (expected action, controller notes) is not in the run, so no renderer can leak it;
 * the dispatcher adds the exercise marking and honours NO PLAY.
 */
export const injectSource: OutboxSource<InjectRunRow, InjectBatch> = {
  kind: 'inject',

  load: async (ctx, runId) =>
    ctx.db.kysely.selectFrom('inject_runs').selectAll().where('id', '=', runId).executeTakeFirst(),

  async prepare(ctx, run, targets) {
    const links = await injectLinksFor(
      ctx,
      run,
      targets.filter(mayCarryLink).map((t) => ({ deliveryId: t.deliveryId!, contactId: t.recipientId! })),
    );
    const fitsSms = targets.some((t) => t.kind === 'sms') && smsSegmentsAllowed(ctx) !== undefined;
    return { links, exerciseName: fitsSms ? await exerciseNameOf(ctx, run.exercise_id) : null };
  },

  async render(ctx, run, target, prepared): Promise<ChannelMessage> {
    const batch = prepared ?? (await injectSource.prepare!(ctx, run, [target]));
    const link = (target.deliveryId && batch.links.get(target.deliveryId)) ?? null;
    const head = `${labelIn(target.language)} ${run.number}: ${run.title}`;
    switch (target.kind) {
      case 'email': {
        const answer = link ? `${answerIn(target.language)}: ${link}` : null;
        return {
          kind: 'email',
          subject: head,
          text: `${head}\n\n${run.content}${answer ? `\n\n${answer}` : ''}`,
          html: `<html><body><h1>${escapeHtml(head)}</h1><p>${escapeHtml(run.content).replace(/\n/g, '<br>')}</p>${
            link ? `<p><a href="${escapeHtml(link)}">${escapeHtml(answerIn(target.language))}</a></p>` : ''
          }</body></html>`,
        };
      }
      case 'sms': {
        const compose = (content: string) => `${head}\n${content}${link ? `\n${link}` : ''}`;
        const max = smsSegmentsAllowed(ctx);
        if (!max) return { kind: 'sms', text: compose(run.content) };
        // A text over the channel's segments would be refused outright: the inject is shortened to
        // fit instead, counting the marking the dispatcher adds; the link and the inbox hold it whole.
        const fitted = fitSms(
          run.content,
          (c) => markText(compose(c), target.language, batch.exerciseName),
          max,
        );
        return { kind: 'sms', text: compose(fitted) };
      }
      case 'inapp':
        return { kind: 'inapp', title: head, body: run.content };
      case 'webpush':
        return { kind: 'webpush', title: head, body: run.content, url: null };
      case 'webhook':
        return {
          kind: 'webhook',
          body: { type: 'inject', id: run.id, number: run.number, title: run.title, content: run.content },
        };
      case 'manual':
        return { kind: 'manual', script: `${head}\n${run.content}` };
      default:
        throw notSentOver('inject', target.kind);
    }
  },

  async *audience(ctx, fanout) {
    const run = await injectSource.load(ctx, fanout.source_id, fanout.sequence);
    if (!run) return;
    yield* playersAudience(ctx, run.exercise_id, JSON.parse(run.to_team_ids) as string[]);
  },
};

/**
 * The players of an exercise's `teams` (every player when none is named), as an inject reaches
 * them: the in-app inbox of each player who signs in to Dabyl (addressed to their account, in their
 * console language), then each player contact of the exercise's phone book, never a resident's.
 * In batches, in a stable order, so a fan-out resumed after a crash walks the same list again.
 */
export async function* playersAudience(
  ctx: AppContext,
  exerciseId: string,
  teams: readonly string[],
): AsyncIterable<AudienceMember[]> {
  const db = ctx.db.kysely;
  let inboxes = db
    .selectFrom('exercise_people as p')
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .select(['p.id', 'p.user_id', 'u.locale'])
    .where('p.exercise_id', '=', exerciseId)
    .where('p.role', '=', 'player')
    .where('u.disabled', '=', 0)
    .orderBy('p.id');
  if (teams.length) inboxes = inboxes.where('p.team_id', 'in', teams);
  let after = '';
  for (;;) {
    const rows = await inboxes.where('p.id', '>', after).limit(BATCH).execute();
    if (!rows.length) break;
    yield rows.map<AudienceMember>((r) => ({
      recipientKind: 'participant',
      recipientId: r.id,
      channel: 'inapp',
      address: r.user_id!,
      language: r.locale,
    }));
    after = rows[rows.length - 1]!.id;
  }
  let contacts = db
    .selectFrom('exercise_contacts as c')
    .innerJoin('exercise_people as p', 'p.id', 'c.person_id')
    .select(['c.id', 'c.channel', 'c.address', 'c.language'])
    .where('c.exercise_id', '=', exerciseId)
    .where('p.exercise_id', '=', exerciseId)
    .where('p.role', '=', 'player')
    .orderBy('c.id');
  if (teams.length) contacts = contacts.where('p.team_id', 'in', teams);
  after = '';
  for (;;) {
    const rows = await contacts.where('c.id', '>', after).limit(BATCH).execute();
    if (!rows.length) return;
    yield rows.map<AudienceMember>((r) => ({
      recipientKind: 'participant',
      recipientId: r.id,
      channel: r.channel,
      address: r.address,
      language: r.language,
    }));
    after = rows[rows.length - 1]!.id;
  }
}
