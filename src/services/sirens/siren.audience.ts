import type { AlertArea } from '../../core/alert/alert.js';
import { sirensInArea } from '../../core/siren/select.js';
import type { AlertRow } from '../../store/alert-tables.js';
import { sirenRepository } from '../../store/siren.repository.js';
import type { AudienceMember } from '../outbox/source.js';
import type { Q } from '../context.js';

/**
 * The sirens one alert message commands (docs/decisions/0021-sirens-over-mqtt.md): the public
 * sirens inside its area when it is for the public, a drill ground's own sirens inside it when it
 * belongs to an exercise, and, for an Update or Cancel, every siren an earlier message of the
 * thread commanded, wherever the area has moved. A public siren is public-facing, like a resident:
 * the dispatcher lets exercise traffic reach it only when the exercise includes the public, and
 * then marked. A drill ground's siren is the exercise's own, like its phone book: actual traffic
 * never reaches it.
 */
export async function sirenMembers(db: Q, row: AlertRow, mode: string): Promise<AudienceMember[]> {
  const all = await sirenRepository.list(db);
  if (!all.length) return [];
  const area = JSON.parse(row.area) as AlertArea;
  const inside = new Set(
    sirensInArea(
      area,
      all.map((s) => ({ id: s.id, lon: Number(s.lon), lat: Number(s.lat) })),
    ).map((s) => s.id),
  );
  const earlier =
    row.sequence > 1 ? new Set(await sirenRepository.earlierOf(db, row.thread_id, row.sequence)) : new Set();
  const drill = mode !== 'actual' && row.exercise_id !== null;
  const members: AudienceMember[] = [];
  for (const s of all) {
    const wanted =
      earlier.has(s.id) || (inside.has(s.id) && (s.purpose === 'public' ? row.audience === 'public' : drill));
    if (!wanted) continue;
    members.push({
      recipientKind: s.purpose === 'public' ? 'subscriber' : 'participant',
      recipientId: s.id,
      channel: 'siren',
      address: s.topic_prefix,
      // Loudspeakers in Kazakhstan speak Kazakh first, then Russian: the announcement holds both.
      language: 'kk',
    });
  }
  return members;
}
