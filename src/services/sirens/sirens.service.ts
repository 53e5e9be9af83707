import { randomBytes, randomUUID } from 'node:crypto';
import { SIREN_PURPOSES } from '../../contract/enums.js';
import { TOPIC_PREFIX } from '../../core/siren/command.js';
import { can, organisationsWhere, type Actor } from '../../core/policy/policy.js';
import { badField, conflict, forbidden, notFound } from '../../errors.js';
import { sirenRepository } from '../../store/siren.repository.js';
import type { SirenRow, SirenTable } from '../../store/siren-tables.js';
import { appendAudit } from '../audit.service.js';
import type { ActorInfo, AppContext } from '../context.js';
import { seal, secretsKey } from '../keys/secrets.js';
import { cleanText } from '../text.js';
import { sirenRegistryChanged } from './registry-changed.js';

export type SirenPurpose = (typeof SIREN_PURPOSES)[number];

/** A siren as the API and the console show it; its command key is never shown after it is made. */
export interface Siren {
  id: string;
  organisationId: string | null;
  name: { kk: string; ru: string; en: string };
  lon: number;
  lat: number;
  topicPrefix: string;
  purpose: SirenPurpose;
  demo: boolean;
  /** What the controller last reported of itself; null fields until it has. */
  battery: number | null;
  mains: boolean | null;
  fault: string | null;
  statusAt: string | null;
  lastSeenAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface SirenInput {
  organisationId?: string | null | undefined;
  name: { kk: string; ru: string; en: string };
  lon: number;
  lat: number;
  topicPrefix: string;
  purpose?: SirenPurpose | undefined;
  demo?: boolean | undefined;
}

/** A new siren, and the key its controller verifies commands with: shown this once. */
export interface CreatedSiren {
  siren: Siren;
  commandKey: string;
}

export const sirenOf = (r: SirenRow): Siren => ({
  id: r.id,
  organisationId: r.organisation_id,
  name: { kk: r.name_kk, ru: r.name_ru, en: r.name_en },
  lon: Number(r.lon),
  lat: Number(r.lat),
  topicPrefix: r.topic_prefix,
  purpose: r.purpose as SirenPurpose,
  demo: Number(r.demo) === 1,
  battery: r.battery === null ? null : Number(r.battery),
  mains: r.mains === null ? null : Number(r.mains) === 1,
  fault: r.fault,
  statusAt: r.status_at,
  lastSeenAt: r.last_seen_at,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

function checked(
  input: SirenInput,
): Omit<
  SirenTable,
  | 'id'
  | 'command_key'
  | 'version'
  | 'created_at'
  | 'updated_at'
  | 'battery'
  | 'mains'
  | 'fault'
  | 'status_at'
  | 'last_seen_at'
> {
  if (!(Number.isFinite(input.lon) && Math.abs(input.lon) <= 180))
    throw badField('lon', 'between', { min: -180, max: 180 });
  if (!(Number.isFinite(input.lat) && Math.abs(input.lat) <= 90))
    throw badField('lat', 'between', { min: -90, max: 90 });
  const prefix = input.topicPrefix.trim();
  if (!TOPIC_PREFIX.test(prefix))
    throw badField('topicPrefix', 'topic_prefix_form', { example: 'kz/almaty/s-014' });
  const purpose = input.purpose ?? 'public';
  if (!(SIREN_PURPOSES as readonly string[]).includes(purpose))
    throw badField('purpose', 'one_of', { allowed: SIREN_PURPOSES.join(', ') });
  return {
    organisation_id: input.organisationId ?? null,
    name_kk: cleanText(input.name.kk, 'name.kk', 200),
    name_ru: cleanText(input.name.ru, 'name.ru', 200),
    name_en: cleanText(input.name.en, 'name.en', 200),
    lon: input.lon,
    lat: input.lat,
    topic_prefix: prefix,
    purpose,
    demo: input.demo ? 1 : 0,
  };
}

/** Who may change a siren of `organisationId`: an administrator whose grant covers it. */
function mayManage(manager: Actor | undefined, organisationId: string | null): void {
  if (manager !== undefined && !can(manager, 'sirens:manage', { organisationId }))
    throw forbidden('Only an administrator of the siren’s organisation changes the siren registry');
}

/** The sirens a person may see: those of the organisations where they read alerts or keep sirens. */
export async function listSirens(ctx: AppContext, reader?: Actor): Promise<Siren[]> {
  if (!reader) return (await sirenRepository.list(ctx.db.kysely)).map(sirenOf);
  const read = organisationsWhere(reader, 'alerts:read');
  const manage = organisationsWhere(reader, 'sirens:manage');
  if (read === 'everywhere' || manage === 'everywhere')
    return (await sirenRepository.list(ctx.db.kysely)).map(sirenOf);
  return (await sirenRepository.list(ctx.db.kysely, [...new Set([...read, ...manage])])).map(sirenOf);
}

export async function getSiren(ctx: AppContext, id: string, reader?: Actor): Promise<Siren> {
  const row = await sirenRepository.get(ctx.db.kysely, id);
  const scope = { organisationId: row?.organisation_id ?? null };
  if (!row || (reader && !can(reader, 'alerts:read', scope) && !can(reader, 'sirens:manage', scope)))
    throw notFound('Siren');
  return sirenOf(row);
}

export async function createSiren(
  ctx: AppContext,
  actor: ActorInfo,
  input: SirenInput,
  manager?: Actor,
): Promise<CreatedSiren> {
  const [created] = await createSirens(ctx, actor, [input], manager);
  return created!;
}

/**
 * Registers several sirens all or none: an import whose tenth row clashes leaves no half-registered
 * set behind, and no printed keys for controllers that were never stored.
 */
export async function createSirens(
  ctx: AppContext,
  actor: ActorInfo,
  inputs: readonly SirenInput[],
  manager?: Actor,
): Promise<CreatedSiren[]> {
  const at = ctx.clock.now().toISOString();
  const made = inputs.map((input) => {
    const fields = checked(input);
    mayManage(manager, fields.organisation_id);
    const key = randomBytes(32);
    const row: SirenTable = {
      ...fields,
      id: randomUUID(),
      command_key: seal(secretsKey(ctx.config), key),
      battery: null,
      mains: null,
      fault: null,
      status_at: null,
      last_seen_at: null,
      version: 1,
      created_at: at,
      updated_at: at,
    };
    return { row, key };
  });
  await ctx.db.kysely.transaction().execute(async (trx) => {
    for (const { row } of made) {
      if (
        row.organisation_id &&
        !(await trx
          .selectFrom('organisations')
          .select('id')
          .where('id', '=', row.organisation_id)
          .executeTakeFirst())
      )
        throw badField('organisationId', 'no_such_organisation');
      if (await sirenRepository.byPrefix(trx, row.topic_prefix))
        throw conflict(`A siren listens under ${row.topic_prefix} already`, 'topicPrefix');
      await sirenRepository.insert(trx, row);
      await appendAudit(ctx, trx, actor, {
        action: 'siren.created',
        subjectType: 'siren',
        subjectId: row.id,
        detail: { name: row.name_en, topicPrefix: row.topic_prefix, purpose: row.purpose },
      });
    }
  });
  sirenRegistryChanged(ctx.db);
  return made.map(({ row, key }) => ({ siren: sirenOf({ ...row }), commandKey: key.toString('base64url') }));
}

/**
 * Changes a siren over the version its editor saw. `rotateKey` makes a new command key (answered
 * once, as at creation): the controller must be given it before the next command.
 */
export async function updateSiren(
  ctx: AppContext,
  actor: ActorInfo,
  id: string,
  version: number,
  input: SirenInput & { rotateKey?: boolean | undefined },
  manager?: Actor,
): Promise<{ siren: Siren; commandKey: string | null }> {
  const fields = checked(input);
  const key = input.rotateKey ? randomBytes(32) : null;
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const before = await sirenRepository.get(trx, id);
    if (!before) throw notFound('Siren');
    mayManage(manager, before.organisation_id);
    mayManage(manager, fields.organisation_id);
    const other = await sirenRepository.byPrefix(trx, fields.topic_prefix);
    if (other && other.id !== id)
      throw conflict(`A siren listens under ${fields.topic_prefix} already`, 'topicPrefix');
    const patch: Partial<SirenTable> = { ...fields, updated_at: ctx.clock.now().toISOString() };
    if (key) patch.command_key = seal(secretsKey(ctx.config), key);
    if (!(await sirenRepository.update(trx, id, version, patch)))
      throw conflict('Someone changed this siren meanwhile; reload it and try again', 'version');
    await appendAudit(ctx, trx, actor, {
      action: 'siren.changed',
      subjectType: 'siren',
      subjectId: id,
      detail: { topicPrefix: fields.topic_prefix, purpose: fields.purpose, keyRotated: Boolean(key) },
    });
  });
  sirenRegistryChanged(ctx.db);
  return { siren: await getSiren(ctx, id), commandKey: key ? key.toString('base64url') : null };
}
