import { notSentOver, type ChannelMessage } from '../../channels/channel.js';
import type { NewEvent } from '../events/events.service.js';
import type { OutboxSource } from '../outbox/source.js';
import { playersAudience } from './inject.source.js';

/** What a communication-check delivery says: which exercise and which round. */
export interface CommCheckMessageSource {
  id: string;
  exerciseId: string;
  name: string;
  round: number;
  leadOrganisationId: string | null;
}

const WORDS: Record<string, { title: string; body: string; round: string }> = {
  en: {
    title: 'Communication check',
    round: 'round',
    body: 'This is a test before the exercise starts: no action is needed. Tell your controller you received it, or press "Received" in the player view.',
  },
  ru: {
    title: 'Проверка связи',
    round: 'раунд',
    body: 'Это проверка перед началом учения: действовать не нужно. Сообщите контролёру, что сообщение получено, или нажмите «Получено» в окне обучаемого.',
  },
  kk: {
    title: 'Байланысты тексеру',
    round: 'кезең',
    body: 'Бұл оқу-жаттығу басталар алдындағы тексеру: ешнәрсе істеудің қажеті жоқ. Хабарды алғаныңызды бақылаушыға айтыңыз немесе жаттығушы терезесінде «Алдым» түймесін басыңыз.',
  },
};
const wordsIn = (language: string) => WORDS[language] ?? WORDS.en!;

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * The communication check before STARTEX (source id: the round). It reaches exactly whom an inject
 * to every team would reach: each player's in-app inbox and each player contact of the exercise's
 * phone book, so a round that arrives everywhere proves the injects will. The dispatcher marks it as
 * exercise traffic (the round is test traffic of the exercise) and holds it under NO PLAY.
 */
export const commCheckSource: OutboxSource<CommCheckMessageSource> = {
  kind: 'comm_check',

  async load(ctx, id) {
    const row = await ctx.db.kysely
      .selectFrom('comm_checks as c')
      .innerJoin('exercises as e', 'e.id', 'c.exercise_id')
      .select(['c.id', 'c.exercise_id', 'c.round', 'e.name', 'e.lead_organisation_id'])
      .where('c.id', '=', id)
      .executeTakeFirst();
    return row
      ? {
          id: row.id,
          exerciseId: row.exercise_id,
          name: row.name,
          round: Number(row.round),
          leadOrganisationId: row.lead_organisation_id,
        }
      : undefined;
  },

  async render(_ctx, check, target): Promise<ChannelMessage> {
    const words = wordsIn(target.language);
    const head = `${words.title} (${words.round} ${check.round}): ${check.name}`;
    switch (target.kind) {
      case 'email':
        return {
          kind: 'email',
          subject: head,
          text: `${head}\n\n${words.body}`,
          html: `<html><body><h1>${escapeHtml(head)}</h1><p>${escapeHtml(words.body)}</p></body></html>`,
        };
      case 'sms':
        return { kind: 'sms', text: `${head}\n${words.body}` };
      case 'inapp':
        return { kind: 'inapp', title: head, body: words.body };
      case 'webpush':
        return { kind: 'webpush', title: head, body: words.body, url: null };
      case 'webhook':
        return {
          kind: 'webhook',
          body: { type: 'comm_check', id: check.id, exerciseId: check.exerciseId, round: check.round },
        };
      case 'manual':
        return { kind: 'manual', script: `${head}\n${words.body}` };
      default:
        throw notSentOver('comm_check', target.kind);
    }
  },

  async *audience(ctx, fanout) {
    const check = await commCheckSource.load(ctx, fanout.source_id, fanout.sequence);
    if (check) yield* playersAudience(ctx, check.exerciseId, []);
  },

  /** The control room's check panel follows its round's deliveries as they move. */
  async announce(ctx, ids): Promise<NewEvent[]> {
    const rows = await ctx.db.kysely
      .selectFrom('comm_checks as c')
      .innerJoin('exercises as e', 'e.id', 'c.exercise_id')
      .select(['c.id', 'c.exercise_id', 'e.lead_organisation_id'])
      .where('c.id', 'in', [...ids])
      .execute();
    return rows.map((r) => ({
      type: 'comm_check.changed',
      organisationId: r.lead_organisation_id,
      exerciseId: r.exercise_id,
      subjectType: 'comm_check',
      subjectId: r.id,
      payload: { what: 'deliveries' },
    }));
  },
};
