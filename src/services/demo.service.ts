import { settingRepository } from '../store/audit.repository.js';
import { organisationRepository } from '../store/organisation.repository.js';
import { userRepository } from '../store/user.repository.js';
import { SYSTEM_ACTOR, type AppContext } from './context.js';
import { addUnit, createOrganisation, type OrganisationKind } from './organisations.service.js';
import { randomPassword } from './passwords.js';
import { createUser } from './users.service.js';

/*
 * The seed scenario of the autumn counter-terrorism series (see docs/demo-data.md): the agencies
 * of Astana, Karaganda, Pavlodar, Baikonur and Kokshetau that take part, their units, and one
 * person per exercise role. Later capabilities extend this set with exercises, MSELs and notices.
 */
const ORGANISATIONS: { name: string; shortName: string; kind: OrganisationKind; units: string[] }[] = [
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
];

const PEOPLE: {
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

export const DEMO_VERSION = '1';

export interface DemoResult {
  organisations: number;
  units: number;
  users: number;
  alreadyLoaded: boolean;
}

/** Loads the demo set; running it again adds only what is missing and changes nothing else. */
export async function loadDemoData(
  ctx: AppContext,
  onProgress?: (done: number, total: number) => void,
): Promise<DemoResult> {
  const db = ctx.db.kysely;
  const result: DemoResult = {
    organisations: 0,
    units: 0,
    users: 0,
    alreadyLoaded: (await settingRepository.get(db, 'demo.version')) === DEMO_VERSION,
  };
  const total = ORGANISATIONS.length + PEOPLE.length;
  let done = 0;
  const idByShortName = new Map<string, string>();
  for (const o of ORGANISATIONS) {
    let org = await organisationRepository.findByName(db, o.name);
    if (!org) {
      await createOrganisation(ctx, SYSTEM_ACTOR, { name: o.name, shortName: o.shortName, kind: o.kind });
      org = (await organisationRepository.findByName(db, o.name))!;
      result.organisations++;
    }
    idByShortName.set(o.shortName, org.id);
    const existing = new Set((await organisationRepository.units(db, [org.id])).map((u) => u.name));
    for (const unit of o.units.filter((u) => !existing.has(u))) {
      await addUnit(ctx, SYSTEM_ACTOR, org.id, unit);
      result.units++;
    }
    onProgress?.(++done, total);
  }
  for (const p of PEOPLE) {
    if (!(await userRepository.findByUsername(db, p.username))) {
      // Demo people get random passwords nobody knows; an administrator sets one to try a role.
      await createUser(ctx, SYSTEM_ACTOR, null, {
        username: p.username,
        displayName: p.displayName,
        password: randomPassword(),
        locale: p.locale,
        grants: [{ role: p.role, organisationId: idByShortName.get(p.org) ?? null }],
      });
      result.users++;
    }
    onProgress?.(++done, total);
  }
  await settingRepository.set(db, 'demo.version', DEMO_VERSION, ctx.clock.now().toISOString());
  return result;
}
