import { organisationRepository } from '../../store/organisation.repository.js';
import { userRepository } from '../../store/user.repository.js';
import { SYSTEM_ACTOR, type AppContext } from '../context.js';
import { addUnit, createOrganisation, type OrganisationKind } from '../organisations.service.js';
import { randomPassword } from '../passwords.js';
import { createUser } from '../users.service.js';

/** An agency of the seed scenario; exercises refer to it by `shortName`. */
export interface DemoAgency {
  name: string;
  shortName: string;
  kind: OrganisationKind;
  units: string[];
}

/** The agencies of Astana, Karaganda, Pavlodar, Baikonur and Kokshetau that take part, and their units. */
export const AGENCIES: DemoAgency[] = [
  {
    name: 'National Security Committee — Astana city department',
    shortName: 'NSC Astana',
    kind: 'national-security',
    units: [
      'Counter-terrorism HQ operations group',
      'Special forces unit "Arystan" (Astana detachment)',
      'Investigative team 1',
    ],
  },
  {
    name: 'Astana City Police Department',
    shortName: 'Astana Police',
    kind: 'police',
    units: ['Motor patrol battalion', 'Investigative team 2', 'Traffic police — city centre'],
  },
  {
    name: 'Emergency Situations Department of Astana',
    shortName: 'ESD Astana',
    kind: 'emergency-situations',
    units: ['Fire and rescue unit 3', 'Public alert system duty shift'],
  },
  {
    name: 'Astana City Health Department — emergency medical service',
    shortName: 'EMS Astana',
    kind: 'health',
    units: ['Ambulance substation 2', 'Disaster medicine team'],
  },
  {
    name: 'Karaganda Region Counter-Terrorism Commission',
    shortName: 'Karaganda CTC',
    kind: 'local-government',
    units: ['Regional operations HQ'],
  },
  {
    name: 'Pavlodar Region Police Department',
    shortName: 'Pavlodar Police',
    kind: 'police',
    units: ['Rapid response unit'],
  },
  {
    name: 'Kokshetau City Emergency Situations Department',
    shortName: 'ESD Kokshetau',
    kind: 'emergency-situations',
    units: ['Rescue unit 1'],
  },
  {
    name: 'National Security Committee — Karaganda region department',
    shortName: 'NSC Karaganda',
    kind: 'national-security',
    units: ['Special forces group "Arystan" (Karaganda)', 'Negotiation team'],
  },
  {
    name: 'Karaganda Region Police Department',
    shortName: 'Karaganda Police',
    kind: 'police',
    units: [
      'Patrol police regiment',
      'Special rapid response unit (SOBR)',
      'Investigative department',
      'Traffic police battalion',
    ],
  },
  {
    name: 'Emergency Situations Department of Karaganda region',
    shortName: 'ESD Karaganda',
    kind: 'emergency-situations',
    units: ['Fire and rescue unit 2', 'Regional public alert duty shift'],
  },
  {
    name: 'Karaganda Regional Emergency Medical Service',
    shortName: 'EMS Karaganda',
    kind: 'health',
    units: ['Ambulance substation 1', 'Disaster medicine team'],
  },
  {
    name: 'Penal Correction System Department of Karaganda region',
    shortName: 'Karaganda Penal',
    kind: 'other',
    units: ['Institution security detail'],
  },
  {
    name: 'Sary-Arka International Airport — aviation security service',
    shortName: 'Sary-Arka Airport',
    kind: 'other',
    units: ['Aviation security shift'],
  },
  {
    name: 'Emergency Situations Department of Pavlodar region',
    shortName: 'ESD Pavlodar',
    kind: 'emergency-situations',
    units: ['Fire and rescue unit 1', 'Gas and chemical rescue team'],
  },
  {
    name: 'Baikonur City Administration',
    shortName: 'Baikonur Administration',
    kind: 'local-government',
    units: ['City counter-terrorism operations group'],
  },
  {
    name: 'Baikonur City Internal Affairs Department',
    shortName: 'Baikonur Police',
    kind: 'police',
    units: ['Patrol and guard service company'],
  },
  {
    name: 'Akmola Region Police Department',
    shortName: 'Akmola Police',
    kind: 'police',
    units: ['Kokshetau patrol battalion', 'Transport police — Kokshetau station'],
  },
];

/** One demo person per exercise role; exercises link their controllers and players to these. */
export const DEMO_USERS: {
  username: string;
  displayName: string;
  role: string;
  org: string;
  locale: 'kk' | 'ru' | 'en';
}[] = [
  {
    username: 'director.astana',
    displayName: 'Aidar Seitkali',
    role: 'director',
    org: 'NSC Astana',
    locale: 'kk',
  },
  {
    username: 'planner.astana',
    displayName: 'Dana Omarova',
    role: 'planner',
    org: 'NSC Astana',
    locale: 'ru',
  },
  {
    username: 'controller.expo',
    displayName: 'Yerlan Bekov',
    role: 'controller',
    org: 'NSC Astana',
    locale: 'kk',
  },
  {
    username: 'evaluator.ems',
    displayName: 'Saule Nurlanova',
    role: 'evaluator',
    org: 'EMS Astana',
    locale: 'ru',
  },
  {
    username: 'player.patrol',
    displayName: 'Timur Akhmetov',
    role: 'player',
    org: 'Astana Police',
    locale: 'kk',
  },
  { username: 'pio.esd', displayName: 'Aigerim Zhanova', role: 'pio', org: 'ESD Astana', locale: 'kk' },
  {
    username: 'authoriser.esd',
    displayName: 'Marat Ismailov',
    role: 'authoriser',
    org: 'ESD Astana',
    locale: 'ru',
  },
  {
    username: 'observer.karaganda',
    displayName: 'Olga Petrenko',
    role: 'observer',
    org: 'Karaganda CTC',
    locale: 'ru',
  },
];

export interface AgencyCounts {
  organisations: number;
  units: number;
  users: number;
}

/**
 * Adds the agencies, units and demo users that are missing (by name and username) and returns
 * the organisation ids by short name and the user ids by username, for the exercises to use.
 */
export async function loadAgencies(
  ctx: AppContext,
  counts: AgencyCounts,
  onStep: () => void,
): Promise<{ orgIds: Map<string, string>; unitIds: Map<string, string>; userIds: Map<string, string> }> {
  const db = ctx.db.kysely;
  const orgIds = new Map<string, string>();
  const unitIds = new Map<string, string>();
  for (const o of AGENCIES) {
    let org = await organisationRepository.findByName(db, o.name);
    if (!org) {
      await createOrganisation(ctx, SYSTEM_ACTOR, { name: o.name, shortName: o.shortName, kind: o.kind });
      org = (await organisationRepository.findByName(db, o.name))!;
      counts.organisations++;
    }
    orgIds.set(o.shortName, org.id);
    const existing = new Set((await organisationRepository.units(db, [org.id])).map((u) => u.name));
    for (const unit of o.units.filter((u) => !existing.has(u))) {
      await addUnit(ctx, SYSTEM_ACTOR, org.id, unit);
      counts.units++;
    }
    for (const u of await organisationRepository.units(db, [org.id]))
      unitIds.set(`${o.shortName}/${u.name}`, u.id);
    onStep();
  }
  const userIds = new Map<string, string>();
  for (const p of DEMO_USERS) {
    let user = await userRepository.findByUsername(db, p.username);
    if (!user) {
      // Demo people get random passwords nobody knows; an administrator sets one to try a role.
      await createUser(ctx, SYSTEM_ACTOR, null, {
        username: p.username,
        displayName: p.displayName,
        password: randomPassword(),
        locale: p.locale,
        grants: [{ role: p.role, organisationId: orgIds.get(p.org) ?? null }],
      });
      user = (await userRepository.findByUsername(db, p.username))!;
      counts.users++;
    }
    userIds.set(p.username, user.id);
    onStep();
  }
  return { orgIds, unitIds, userIds };
}
