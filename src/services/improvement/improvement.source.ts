import { notSentOver, type ChannelMessage } from '../../channels/channel.js';
import { daysLate } from '../../core/improvement/improvement.js';
import { improvementRepository, type ImprovementItemView } from '../../store/improvement.repository.js';
import type { AudienceMember, OutboxSource } from '../outbox/source.js';
import { reminderText } from './reminder.texts.js';
import { capabilityName } from '../../core/exercise/capability-names.js';
import { isMessageLang } from '../../core/messages/messages.js';

export const IMPROVEMENT_SOURCE = 'improvement';

interface Reminder {
  item: ImprovementItemView;
  /** The day the reminder is for, read back from its sequence (20261203). */
  today: string;
}

const dayOfSequence = (sequence: number): string => {
  const s = String(sequence);
  return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}`;
};

/**
 * Reminders of overdue corrective actions: one fan-out per item per day (the sequence is the day),
 * to the item's owner — their console inbox and their account's e-mail — and the responsible
 * organisation's contact for the item. Sent as the item's exercise's traffic, so it is marked and
 * never taken for a real alert (docs/decisions/0031-improvement-plan.md).
 */
export const improvementSource: OutboxSource<Reminder> = {
  kind: IMPROVEMENT_SOURCE,

  async load(ctx, itemId, sequence) {
    const item = await improvementRepository.viewById(ctx.db.kysely, itemId);
    return item ? { item, today: dayOfSequence(sequence) } : undefined;
  },

  async render(ctx, { item, today }, target): Promise<ChannelMessage> {
    const link = `${ctx.config.publicUrl.replace(/\/+$/, '')}/console/improvement?item=${item.id}`;
    const m = reminderText(target.language, {
      action: item.corrective_action,
      issue: item.issue,
      exercise: item.exercise_name,
      capability: capabilityName(
        item.capability_id,
        item.capability_name,
        isMessageLang(target.language) ? target.language : 'en',
      ),
      organisation: item.organisation_name,
      owner: item.owner_name,
      dueOn: item.due_on,
      daysLate: daysLate(item.due_on, today),
      status: item.status,
      link,
    });
    switch (target.kind) {
      case 'email':
        return { kind: 'email', subject: m.subject, text: m.text, html: m.html };
      case 'inapp':
        return { kind: 'inapp', title: m.subject, body: m.body };
      default:
        throw notSentOver('improvement', target.kind);
    }
  },

  async *audience(ctx, fanout) {
    const item = await improvementRepository.byId(ctx.db.kysely, fanout.source_id);
    if (!item) return;
    const members: AudienceMember[] = [];
    if (item.owner_user_id) {
      const user = await ctx.db.kysely
        .selectFrom('users')
        .select(['id', 'email', 'locale', 'disabled'])
        .where('id', '=', item.owner_user_id)
        .executeTakeFirst();
      if (user && !user.disabled) {
        const base = { recipientKind: 'participant' as const, recipientId: user.id, language: user.locale };
        members.push({ ...base, channel: 'inapp', address: user.id });
        if (user.email) members.push({ ...base, channel: 'email', address: user.email });
      }
    }
    if (item.contact_email)
      members.push({
        recipientKind: 'participant',
        recipientId: `contact:${item.id}`,
        channel: 'email',
        address: item.contact_email,
        // An organisation's contact has no language of its own: Kazakh, the state language, as the public site.
        language: 'kk',
      });
    if (members.length) yield members;
  },
};
