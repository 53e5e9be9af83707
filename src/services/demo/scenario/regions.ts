import { line, rect } from '../geo.js';
import type { DemoExercise } from '../types.js';

/**
 * Baikonur, Tuesday 27 October. The tz database has no zone of Baikonur's own; the city lies in
 * Kyzylorda region and keeps its local time, so its zone is Asia/Qyzylorda (UTC+5 since December
 * 2018, like all of Kazakhstan since March 2024 — the same clock as Asia/Almaty today).
 */
export const BAIKONUR: DemoExercise = {
  name: 'Baikonur city counter-terrorism drill at the railway station',
  type: 'drill',
  status: 'planned',
  city: 'Baikonur (Байқоңыр / Байконур)',
  timeZone: 'Asia/Qyzylorda',
  startex: '2026-10-27 10:00',
  endex: '2026-10-27 14:00',
  scope:
    'City police and the city counter-terrorism operations group at Baikonur railway station and on Korolev avenue.',
  threat: 'Improvised explosive device on a passenger train',
  scenario:
    'A passenger of the Kyzylorda–Baikonur train reports an unattended suitcase in carriage 6 as the train arrives. The station is evacuated, the train moved to a siding, and the explosives team examines the suitcase while patrols look for its owner in the city.',
  sponsor: 'Baikonur City Administration',
  pointOfContact: 'City counter-terrorism operations group',
  handling: 'For official use only',
  lead: 'Baikonur Administration',
  objectives: [
    {
      key: 'evacuate',
      text: 'Evacuate the station and the train within 15 minutes and keep the public 200 m away.',
      targets: [
        {
          capability: 'on-scene-security-protection-and-law-enforcement',
          text: 'Evacuation and cordon of a railway station.',
          tasks: ['Evacuate the station building and the platform.', 'Hold a 200 m cordon.'],
        },
      ],
    },
  ],
  venues: [
    {
      key: 'station',
      name: 'Baikonur railway station (Tyuratam)',
      kind: 'railway-station',
      address: 'Station square, Baikonur (approximate)',
      point: [63.3225, 45.6262],
      footprint: rect(63.3225, 45.6262, 120, 40, 70),
    },
  ],
  zones: [
    {
      name: 'Station cordon (200 m)',
      kind: 'cordon',
      venue: 'station',
      geometry: rect(63.3225, 45.6262, 400, 400, 70),
      from: '2026-10-27 10:00',
      to: '2026-10-27 14:00',
    },
    {
      name: 'Korolev avenue closed at the station',
      kind: 'road-closure',
      venue: 'station',
      road: 'Korolev avenue (проспект Королёва)',
      geometry: line([63.315, 45.623], [63.32, 45.622], [63.325, 45.6215]),
      from: '2026-10-27 10:00',
      to: '2026-10-27 13:00',
    },
  ],
  participants: [
    { org: 'Baikonur Administration', extent: 'full' },
    { org: 'Baikonur Police', extent: 'full' },
    { org: 'NSC Astana', extent: 'observing' },
  ],
  teams: [
    {
      key: 'patrol',
      name: 'Patrol and guard service',
      org: 'Baikonur Police',
      unit: 'Patrol and guard service company',
    },
    {
      key: 'ops',
      name: 'City counter-terrorism operations group',
      org: 'Baikonur Administration',
      unit: 'City counter-terrorism operations group',
    },
  ],
  people: [
    { name: 'Sergei Lebedev', role: 'director', org: 'Baikonur Administration' },
    { name: 'Yerlan Bekov', role: 'controller', user: 'controller.expo', org: 'NSC Astana' },
    { name: 'Aliya Dzhaksybekova', role: 'player', team: 'patrol', org: 'Baikonur Police' },
  ],
};

/** Kokshetau, Wednesday 28 October: still a draft the planners are working on. */
export const KOKSHETAU: DemoExercise = {
  name: 'Kokshetau counter-terrorism drill at Kokshetau-1 station',
  type: 'drill',
  status: 'draft',
  city: 'Kokshetau (Көкшетау)',
  timeZone: 'Asia/Almaty',
  startex: '2026-10-28 10:00',
  endex: '2026-10-28 14:00',
  scope: 'Akmola region police and the Kokshetau emergency department at Kokshetau-1 railway station.',
  threat: 'Armed attacker on a station platform',
  scenario:
    'An armed man opens fire on the platform of Kokshetau-1 as the Astana train arrives and barricades himself in the luggage office. Transport police cordon the station; rescuers evacuate the passengers.',
  sponsor: 'Akmola Region Counter-Terrorism Commission',
  pointOfContact: 'Kokshetau City Emergency Situations Department duty officer',
  handling: 'For official use only',
  lead: 'Akmola Police',
  objectives: [
    {
      key: 'cordon',
      text: 'Cordon the station within 10 minutes and evacuate all passengers within 20.',
      targets: [
        {
          capability: 'on-scene-security-protection-and-law-enforcement',
          text: 'Cordon and evacuation of a station under fire.',
          tasks: ['Cordon the station within 10 minutes.', 'Evacuate the passengers within 20 minutes.'],
        },
      ],
    },
  ],
  venues: [
    {
      key: 'station',
      name: 'Kokshetau-1 railway station',
      kind: 'railway-station',
      address: 'Station square, Kokshetau (approximate)',
      point: [69.4015, 53.2868],
      footprint: rect(69.4015, 53.2868, 150, 45, 80),
    },
  ],
  zones: [
    {
      name: 'Abay street closed at the station',
      kind: 'road-closure',
      venue: 'station',
      road: 'Abay street (Абай көшесі)',
      geometry: line([69.39, 53.288], [69.396, 53.287], [69.401, 53.2862]),
      from: '2026-10-28 10:00',
      to: '2026-10-28 13:00',
    },
  ],
  participants: [
    { org: 'Akmola Police', extent: 'full' },
    { org: 'ESD Kokshetau', extent: 'full' },
  ],
  teams: [
    {
      key: 'patrol',
      name: 'Kokshetau patrol battalion',
      org: 'Akmola Police',
      unit: 'Kokshetau patrol battalion',
    },
    {
      key: 'transport',
      name: 'Transport police',
      org: 'Akmola Police',
      unit: 'Transport police — Kokshetau station',
    },
    { key: 'rescue', name: 'Rescue unit 1', org: 'ESD Kokshetau', unit: 'Rescue unit 1' },
  ],
  people: [{ name: 'Yerlan Bekov', role: 'controller', user: 'controller.expo', org: 'NSC Astana' }],
};
