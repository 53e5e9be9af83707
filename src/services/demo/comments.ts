import { randomUUID } from 'node:crypto';
import { clientHash, emailHash, voterHash } from '../../core/comment/hashes.js';
import { commentRepository, voteRepository } from '../../store/comment.repository.js';
import { commentKey } from '../comments/key.js';
import { approveComment } from '../comments/moderation.service.js';
import type { AppContext } from '../context.js';
import { listPublicNotices } from '../notices/public-notices.service.js';
import { touchPortal } from '../portal/generation.js';
import { demoActor } from './actors.js';

interface DemoComment {
  name: string;
  email: string;
  language: 'kk' | 'ru' | 'en';
  body: string;
  approved: boolean;
}

/** Residents' comments as they tend to come in: practical questions, thanks, one still waiting. */
const COMMENTS: readonly DemoComment[] = [
  {
    name: 'Айгерим',
    email: 'aigerim.demo@example.kz',
    language: 'kk',
    body: 'Алдын ала хабарлағаныңызға рахмет! Балаларды мектепке қай көшемен апаруға болады?',
    approved: true,
  },
  {
    name: 'Сергей',
    email: 'sergey.demo@example.kz',
    language: 'ru',
    body: 'Спасибо, что предупредили. Автобусы в это время будут ходить по обычному маршруту?',
    approved: true,
  },
  {
    name: 'Emma',
    email: 'emma.demo@example.com',
    language: 'en',
    body: 'Helpful, thank you. Will the sirens be loud near the river embankment too?',
    approved: true,
  },
  {
    name: 'Нурлан',
    email: 'nurlan.demo@example.kz',
    language: 'ru',
    body: 'Можно ли будет пройти пешком через перекрытый участок?\nУ меня там работа.',
    approved: false,
  },
];

const VOTES: readonly boolean[] = [true, true, true, true, false, true, true];

/**
 * Comments and votes on the demo notices that exist (added after them), so a fresh site shows
 * both. A notice that already has comments is left alone, so a second load adds nothing.
 */
export async function loadDemoComments(
  ctx: AppContext,
  userIds: ReadonlyMap<string, string>,
): Promise<number> {
  const db = ctx.db.kysely;
  const key = await commentKey(ctx);
  const pio = demoActor(userIds, 'pio.esd', 'pio');
  let added = 0;
  const now = ctx.clock.now();
  for (const [n, notice] of (await listPublicNotices(ctx)).entries()) {
    if (
      notice.kind === 'Cancel' ||
      (await commentRepository.list(db, { noticeId: notice.id, limit: 1 })).length
    )
      continue;
    const approve: string[] = [];
    for (const [i, c] of COMMENTS.entries()) {
      const id = randomUUID();
      await commentRepository.insert(db, {
        id,
        notice_id: notice.id,
        name: c.name,
        email: c.email,
        email_hash: emailHash(key, c.email),
        client_hash: clientHash(key, `192.0.2.${10 + i}`),
        language: c.language,
        body: c.body,
        status: 'pending',
        reason: null,
        moderated_by: null,
        moderated_at: null,
        created_at: new Date(now.getTime() - (COMMENTS.length - i) * 37 * 60_000).toISOString(),
      });
      if (c.approved) approve.push(id);
      added++;
    }
    for (const id of approve) await approveComment(ctx, pio.info, id);
    await db.transaction().execute(async (trx) => {
      for (const [i, useful] of VOTES.slice(0, 3 + (n % 5)).entries())
        await voteRepository.insert(trx, {
          notice_id: notice.id,
          voter_hash: voterHash(key, now, `198.51.100.${i}`, 'demo reader', notice.id),
          useful: useful ? 1 : 0,
          created_at: `${now.toISOString().slice(0, 10)}T00:00:00.000Z`,
        });
      await touchPortal(trx, now);
    });
  }
  return added;
}
