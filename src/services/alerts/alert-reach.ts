import { trafficModeOf, type AlertStatus } from '../../core/alert/alert.js';
import type { AlertRow } from '../../store/alert-tables.js';
import type { Db } from '../../store/db.js';
import { fanOutRepository } from '../../store/fanout.repository.js';
import { subscriberRepository } from '../../store/subscriber.repository.js';
import type { AppContext } from '../context.js';
import { alertParticipants, alertResidents } from './alert.source.js';

/** Whom a message would reach if sent now: residents and exercise participants, as people. */
export interface Reach {
  residents: number;
  participants: number;
}

/*
 * Why a cache, and why keyed this way: counting the residents a message reaches matches its area
 * against every active place (and, for an Update or Cancel, reads everyone an earlier message
 * reached), which at a million residents takes seconds, and every list, read and live refresh of
 * the console showed it. A figure is kept per alert, under the alert's version (every edit of its
 * area, audience or status bumps it) and the version of what the count reads: the active
 * subscribers, as the place index itself checks them, and for a follow-up also every subscriber and
 * the earlier messages' fan-outs. Both versions are read from the database on every read, so a
 * changed area or audience is counted afresh on the next read, in every process; a figure is never
 * older than the data it was counted from. A figure whose data moved while it was being counted is
 * handed out but not kept. Approval never reads this cache: it counts afresh (alertReach).
 */

interface Counted {
  key: string;
  residents: Promise<number>;
}

/** Alerts with a figure kept, per database; a bound, since a figure is small but alerts are many. */
const KEPT = 1000;
const counted = new WeakMap<Db, Map<string, Counted>>();

function keptFor(db: Db): Map<string, Counted> {
  let kept = counted.get(db);
  if (!kept) counted.set(db, (kept = new Map()));
  return kept;
}

/** Subscriber versions, each read at most once for one answer however many alerts it shows. */
interface SubscriberVersions {
  active(): Promise<string>;
  every(): Promise<string>;
}

function subscriberVersions(ctx: AppContext): SubscriberVersions {
  let active: Promise<string> | undefined;
  let every: Promise<string> | undefined;
  return {
    active: () => (active ??= subscriberRepository.activeVersion(ctx.db.kysely)),
    every: () => (every ??= subscriberRepository.everyVersion(ctx.db.kysely)),
  };
}

/** The version of everything a message's residents are counted from, besides the message itself. */
async function audienceVersion(ctx: AppContext, row: AlertRow, versions: SubscriberVersions) {
  const parts: string[] = [];
  if (row.audience === 'public') parts.push(`active ${await versions.active()}`);
  if (row.sequence > 1) {
    parts.push(`every ${await versions.every()}`);
    const earlier = await fanOutRepository.progressBefore(
      ctx.db.kysely,
      'alert',
      row.thread_id,
      row.sequence,
    );
    parts.push(
      `earlier ${earlier.map((f) => `${f.sequence}:${f.status}:${f.attempts}:${f.written}`).join(',')}`,
    );
  }
  return parts.join('\n');
}

async function residentsShown(ctx: AppContext, row: AlertRow, versions: SubscriberVersions): Promise<number> {
  // Nothing to count: a message never sent, or a first message to an exercise's own people only.
  if (!trafficModeOf(row.status as AlertStatus)) return 0;
  if (row.audience !== 'public' && row.sequence === 1) return 0;
  const audience = await audienceVersion(ctx, row, versions);
  const key = `${row.version}\n${audience}`;
  const kept = keptFor(ctx.db);
  const hit = kept.get(row.id);
  if (hit?.key === key) return hit.residents;
  const entry: Counted = { key, residents: Promise.resolve(0) };
  const forget = () => {
    if (kept.get(row.id) === entry) kept.delete(row.id);
  };
  entry.residents = alertResidents(ctx, row).then(
    async (n) => {
      if ((await audienceVersion(ctx, row, subscriberVersions(ctx))) !== audience) forget();
      return n;
    },
    (err: unknown) => {
      forget();
      throw err;
    },
  );
  kept.delete(row.id);
  kept.set(row.id, entry);
  if (kept.size > KEPT) kept.delete(kept.keys().next().value!);
  return entry.residents;
}

/**
 * Reads the reach of the alerts one answer shows, from kept figures where their data has not
 * changed (see above); participants are counted afresh, from a phone book read by its key.
 */
export function reachReader(ctx: AppContext): (row: AlertRow) => Promise<Reach> {
  const versions = subscriberVersions(ctx);
  return async (row) => {
    const [residents, participants] = await Promise.all([
      residentsShown(ctx, row, versions),
      alertParticipants(ctx, row),
    ]);
    return { residents, participants };
  };
}
