import { randomUUID } from 'node:crypto';
import { can, SHARED, type Actor } from '../core/policy/policy.js';
import { badField, conflict, forbidden, notFound } from '../errors.js';
import { organisationRepository } from '../store/organisation.repository.js';
import type { OrganisationRow } from '../store/schema.js';
import { appendAudit } from './audit.service.js';
import type { ActorInfo, AppContext } from './context.js';
import { cleanText } from './text.js';
import { ORGANISATION_KINDS } from '../contract/enums.js';
export { ORGANISATION_KINDS };

export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export interface Unit {
  id: string;
  name: string;
}
export interface Organisation {
  id: string;
  name: string;
  shortName: string | null;
  kind: string;
  createdAt: string;
  units: Unit[];
}

export interface NewOrganisation {
  name: string;
  shortName?: string | null | undefined;
  kind: string;
}

function checkKind(kind: string): void {
  if (!(ORGANISATION_KINDS as readonly string[]).includes(kind)) {
    throw badField('kind', 'one_of', { allowed: ORGANISATION_KINDS.join(', ') });
  }
}

async function withUnits(ctx: AppContext, rows: OrganisationRow[]): Promise<Organisation[]> {
  const units = await organisationRepository.units(
    ctx.db.kysely,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    shortName: r.short_name,
    kind: r.kind,
    createdAt: r.created_at,
    units: units.filter((u) => u.organisation_id === r.id).map((u) => ({ id: u.id, name: u.name })),
  }));
}

export async function listOrganisations(ctx: AppContext): Promise<Organisation[]> {
  return withUnits(ctx, await organisationRepository.list(ctx.db.kysely));
}

export async function getOrganisation(ctx: AppContext, id: string): Promise<Organisation> {
  const row = await organisationRepository.get(ctx.db.kysely, id);
  if (!row) throw notFound('Organisation');
  return (await withUnits(ctx, [row]))[0]!;
}

export async function createOrganisation(
  ctx: AppContext,
  actor: ActorInfo,
  input: NewOrganisation,
  /** The caller's grants; adding an agency is for an unscoped administrator. Left out by the system. */
  manager?: Actor,
): Promise<Organisation> {
  if (manager !== undefined && !can(manager, 'orgs:manage', SHARED))
    throw forbidden('Only an administrator of every organisation adds one');
  const name = cleanText(input.name, 'name', 200);
  const shortName = input.shortName ? cleanText(input.shortName, 'shortName', 40) : null;
  checkKind(input.kind);
  const row: OrganisationRow = {
    id: randomUUID(),
    name,
    short_name: shortName,
    kind: input.kind,
    created_at: ctx.clock.now().toISOString(),
  };
  await ctx.db.kysely.transaction().execute(async (trx) => {
    if (await organisationRepository.findByName(trx, name))
      throw conflict(`An organisation named "${name}" exists already`, 'name');
    await organisationRepository.insert(trx, row);
    await appendAudit(ctx, trx, actor, {
      action: 'organisation.created',
      subjectType: 'organisation',
      subjectId: row.id,
      detail: { name, kind: row.kind },
    });
  });
  return getOrganisation(ctx, row.id);
}

export async function updateOrganisation(
  ctx: AppContext,
  actor: ActorInfo,
  id: string,
  patch: Partial<NewOrganisation>,
  manager?: Actor,
): Promise<Organisation> {
  if (manager !== undefined && !can(manager, 'orgs:manage', { organisationId: id }))
    throw forbidden('You administer another organisation');
  const changes: Partial<OrganisationRow> = {};
  if (patch.name !== undefined) changes.name = cleanText(patch.name, 'name', 200);
  if (patch.shortName !== undefined)
    changes.short_name = patch.shortName ? cleanText(patch.shortName, 'shortName', 40) : null;
  if (patch.kind !== undefined) {
    checkKind(patch.kind);
    changes.kind = patch.kind;
  }
  await ctx.db.kysely.transaction().execute(async (trx) => {
    if (!(await organisationRepository.get(trx, id))) throw notFound('Organisation');
    if (changes.name) {
      const other = await organisationRepository.findByName(trx, changes.name);
      if (other && other.id !== id)
        throw conflict(`An organisation named "${changes.name}" exists already`, 'name');
    }
    if (Object.keys(changes).length > 0) await organisationRepository.update(trx, id, changes);
    await appendAudit(ctx, trx, actor, {
      action: 'organisation.updated',
      subjectType: 'organisation',
      subjectId: id,
      detail: changes,
    });
  });
  return getOrganisation(ctx, id);
}

export async function addUnit(
  ctx: AppContext,
  actor: ActorInfo,
  organisationId: string,
  name: string,
  manager?: Actor,
): Promise<Unit> {
  if (manager !== undefined && !can(manager, 'orgs:manage', { organisationId }))
    throw forbidden('You administer another organisation');
  const clean = cleanText(name, 'name', 200);
  const id = randomUUID();
  await ctx.db.kysely.transaction().execute(async (trx) => {
    const org = await organisationRepository.get(trx, organisationId);
    if (!org) throw notFound('Organisation');
    const existing = await organisationRepository.units(trx, [organisationId]);
    if (existing.some((u) => u.name === clean))
      throw conflict(`${org.name} already has a unit named "${clean}"`, 'name');
    await organisationRepository.insertUnit(trx, {
      id,
      organisation_id: organisationId,
      name: clean,
      created_at: ctx.clock.now().toISOString(),
    });
    await appendAudit(ctx, trx, actor, {
      action: 'unit.created',
      subjectType: 'organisation',
      subjectId: organisationId,
      detail: { unitId: id, name: clean },
    });
  });
  return { id, name: clean };
}
