import { line, rect } from '../geo.js';
import type { DemoExercise } from '../types.js';
import { KARAGANDA_MSEL } from './karaganda.msel.js';

/**
 * Karaganda province full-scale exercise, Sunday 25 October: an attack on a correctional
 * institution, the seizure of a school, the slaying of two police officers, and hostages taken to
 * Sary-Arka airport. Venue coordinates are approximate but sit where such places plausibly are.
 */
export const KARAGANDA: DemoExercise = {
  name: 'Karaganda province full-scale counter-terrorism exercise',
  type: 'full-scale',
  status: 'ready',
  city: 'Karaganda (Қарағанды / Караганда)',
  // Karaganda region follows Asia/Almaty, UTC+5 since 1 March 2024.
  timeZone: 'Asia/Almaty',
  startex: '2026-10-25 07:00',
  endex: '2026-10-25 19:00',
  scope:
    'Full-scale, real-time play at four sites in and around Karaganda: a correctional institution, School No. 7 (Kazybek bi district), the Bukhar-Zhyrau avenue checkpoint and Sary-Arka International Airport. Regional operations HQ, police, NSC special forces and negotiators, ambulance, fire and rescue, and the public alert system play; the Ministry level and the media are simulated.',
  threat: 'Armed terrorist group: attack on a prison, school siege with hostages, killing of police officers',
  scenario:
    'At 07:10 an armed group of six rams the outer fence of a correctional institution on the north-western edge of Karaganda to free an inmate, wounding two guards. Two attackers escape by car towards the city; the others fall back into Kazybek bi district, where at 08:30 they seize School No. 7 during a Sunday regional school olympiad, holding about thirty pupils and teachers. At 10:00 the escaped pair kill two police officers at a checkpoint on Bukhar-Zhyrau avenue. By noon the group demands a bus to Sary-Arka airport and an aircraft; the hostages are moved along the airport road under police shadowing, and NSC special forces resolve the siege on the apron. The exercise tests unified command, containment, negotiation, casualty care, evidence and the warning of residents.',
  sponsor: 'Karaganda Region Counter-Terrorism Commission',
  pointOfContact: 'Regional operations HQ duty officer, +7 7212 00 00 00 (exercise line)',
  handling: 'For official use only',
  lead: 'Karaganda CTC',
  objectives: [
    {
      key: 'command',
      text: 'Within 30 minutes of the first report, the regional operations HQ takes unified command of all agencies and keeps one shared picture until ENDEX.',
      targets: [
        {
          capability: 'operational-coordination',
          text: 'Unified command of police, NSC, emergency and medical services under one incident commander.',
          tasks: [
            'Activate the regional operations HQ and name the incident commander.',
            'Set up a forward command post at each active site.',
            'Keep a shared situation picture for all agencies at least every 30 minutes.',
          ],
        },
        {
          capability: 'operational-communications',
          text: 'All responders on one interoperable talk-group within 15 minutes of activation.',
          tasks: ['Open the joint radio talk-group and check in every team.'],
        },
      ],
    },
    {
      key: 'contain',
      text: 'Cordon every site within 20 minutes of the report, and shut the attackers\u2019 escape routes out of the city.',
      targets: [
        {
          capability: 'on-scene-security-protection-and-law-enforcement',
          text: 'Inner and outer cordons at the prison, the school and the airport.',
          tasks: [
            'Cordon the prison perimeter within 20 minutes.',
            'Cordon the school and evacuate the neighbouring buildings.',
          ],
        },
        {
          capability: 'interdiction-and-disruption',
          text: 'Stop the escapees and the hostage convoy from leaving police control.',
          tasks: [
            'Set checkpoints on every exit from the city (Interception plan).',
            'Escort and shadow the hostage bus to the airport.',
          ],
        },
      ],
    },
    {
      key: 'hostages',
      text: 'Free all hostages without loss of life, by negotiation first and by an assault only on the HQ\u2019s order.',
      targets: [
        {
          capability: 'interdiction-and-disruption',
          text: 'Negotiation and tactical resolution of a hostage siege at a school and at an airport.',
          tasks: [
            'Open negotiations within 45 minutes of the seizure.',
            'Prepare assault plans for the school and the airport apron.',
            'Carry out the release on the HQ\u2019s order.',
          ],
        },
      ],
    },
    {
      key: 'medical',
      text: 'Triage, treat and carry every casualty to a designated hospital within 60 minutes of injury.',
      targets: [
        {
          capability: 'public-health-healthcare-and-ems',
          text: 'Casualty collection, START triage and distribution to the regional hospitals.',
          tasks: [
            'Open a casualty collection point at each site.',
            'Triage by START and record every casualty.',
            'Distribute casualties to the regional hospitals by capacity.',
          ],
        },
      ],
    },
    {
      key: 'public',
      text: 'Warn residents within 10 minutes of the HQ\u2019s decision and keep them informed until the all-clear, every message marked as an exercise.',
      targets: [
        {
          capability: 'public-information-and-warning',
          text: 'Sirens, public alerts and briefings for Kazybek bi district and the airport road.',
          tasks: [
            'Sound sirens and send the public alert within 10 minutes of the HQ\u2019s decision.',
            'Publish road closures and diversions.',
            'Hold a press briefing within two hours.',
          ],
        },
      ],
    },
    {
      key: 'investigate',
      text: 'Preserve the evidence at every scene and identify the attackers and their links by ENDEX.',
      targets: [
        {
          capability: 'forensics-and-attribution',
          text: 'Scene examination, evidence chain and identification of the attackers.',
          tasks: [
            'Secure each scene before anything is moved.',
            'Collect and log evidence with an unbroken chain of custody.',
            'Identify the attackers and share the findings with the NSC.',
          ],
        },
      ],
    },
  ],
  venues: [
    {
      key: 'prison',
      name: 'Correctional institution (north-western industrial zone)',
      kind: 'prison',
      address: 'North-western industrial zone, Karaganda (approximate)',
      point: [73.001, 49.851],
      footprint: rect(73.001, 49.851, 400, 300, 10),
    },
    {
      key: 'school',
      name: 'School No. 7, Kazybek bi district',
      kind: 'school',
      address: 'Yerubayev street, Karaganda (approximate)',
      point: [73.0955, 49.8062],
      footprint: rect(73.0955, 49.8062, 90, 55, 15),
    },
    {
      key: 'checkpoint',
      name: 'Police checkpoint on Bukhar-Zhyrau avenue',
      kind: 'other',
      address: 'Bukhar-Zhyrau avenue (Бұқар жырау даңғылы), Karaganda',
      point: [73.0968, 49.815],
      footprint: rect(73.0968, 49.815, 60, 40, 20),
    },
    {
      key: 'airport',
      name: 'Sary-Arka International Airport (Сарыарқа)',
      kind: 'airport',
      address: 'Sary-Arka airport, 20 km south-east of Karaganda',
      point: [73.3344, 49.6708],
      footprint: rect(73.3344, 49.6708, 900, 400, 40),
    },
    {
      key: 'hq',
      name: 'Regional operations HQ (akimat of Karaganda region)',
      kind: 'government-building',
      address: 'Central square, Karaganda',
      point: [73.088, 49.8045],
      footprint: rect(73.088, 49.8045, 80, 50),
    },
  ],
  zones: [
    {
      name: 'Prison perimeter cordon',
      kind: 'cordon',
      venue: 'prison',
      geometry: rect(73.001, 49.851, 800, 650, 10),
      from: '2026-10-25 07:15',
      to: '2026-10-25 12:00',
    },
    {
      name: 'School No. 7 cordon',
      kind: 'cordon',
      venue: 'school',
      geometry: rect(73.0955, 49.8062, 320, 260, 15),
      from: '2026-10-25 08:30',
      to: '2026-10-25 16:00',
      notes:
        'Residents of the two neighbouring blocks are asked to stay indoors; role-players evacuate block 12.',
    },
    {
      name: 'Staging area and casualty collection point — school',
      kind: 'staging-area',
      venue: 'school',
      geometry: rect(73.0915, 49.8045, 150, 100),
    },
    {
      name: 'Airport exercise zone (apron and remote stand)',
      kind: 'exercise-zone',
      venue: 'airport',
      geometry: rect(73.3344, 49.6708, 2200, 1000, 40),
      from: '2026-10-25 11:00',
      to: '2026-10-25 19:00',
    },
    {
      name: 'Access road to the correctional institution closed',
      kind: 'road-closure',
      venue: 'prison',
      road: 'Access road to the correctional institution',
      geometry: line([73.0085, 49.8455], [73.0045, 49.8485], [73.0015, 49.8495]),
      from: '2026-10-25 07:15',
      to: '2026-10-25 12:00',
    },
    {
      name: 'Bukhar-Zhyrau avenue closed between Nurken Abdirov avenue and the Miners\u2019 Palace of Culture',
      kind: 'road-closure',
      venue: 'checkpoint',
      road: 'Bukhar-Zhyrau avenue',
      geometry: line([73.0905, 49.829], [73.0968, 49.815], [73.101, 49.804], [73.104, 49.796]),
      from: '2026-10-25 08:30',
      to: '2026-10-25 16:00',
      notes: 'Diversion via Nurken Abdirov avenue and Stroiteley avenue.',
    },
    {
      name: 'Yerubayev street closed at School No. 7',
      kind: 'road-closure',
      venue: 'school',
      road: 'Yerubayev street',
      geometry: line([73.088, 49.8078], [73.0955, 49.8066], [73.1005, 49.8058]),
      from: '2026-10-25 08:30',
      to: '2026-10-25 16:00',
    },
    {
      name: 'Airport road closed for the hostage convoy',
      kind: 'road-closure',
      venue: 'airport',
      road: 'Karaganda — Sary-Arka airport road',
      geometry: line([73.15, 49.77], [73.22, 49.73], [73.29, 49.69], [73.322, 49.6755]),
      from: '2026-10-25 11:30',
      to: '2026-10-25 15:00',
      notes: 'Flights are suspended from 11:45; passengers are held at the terminal car park.',
    },
  ],
  participants: [
    { org: 'Karaganda CTC', extent: 'full', notes: 'Regional operations HQ, incident command' },
    { org: 'Karaganda Police', extent: 'full', notes: 'Patrols, SOBR, traffic police, investigators' },
    { org: 'NSC Karaganda', extent: 'full', notes: 'Special forces and negotiators' },
    { org: 'ESD Karaganda', extent: 'full', notes: 'Fire and rescue; the public alert duty shift' },
    { org: 'EMS Karaganda', extent: 'full' },
    { org: 'Karaganda Penal', extent: 'limited', notes: 'The institution\u2019s own security detail only' },
    {
      org: 'Sary-Arka Airport',
      extent: 'limited',
      notes: 'No real flight is delayed: play on the remote stand',
    },
    { org: 'NSC Astana', extent: 'observing', notes: 'Republican HQ observers' },
  ],
  teams: [
    { key: 'hq', name: 'Regional operations HQ', org: 'Karaganda CTC', unit: 'Regional operations HQ' },
    { key: 'patrol', name: 'Police motor patrols', org: 'Karaganda Police', unit: 'Patrol police regiment' },
    { key: 'sobr', name: 'SOBR', org: 'Karaganda Police', unit: 'Special rapid response unit (SOBR)' },
    {
      key: 'arystan',
      name: 'Special forces "Arystan"',
      org: 'NSC Karaganda',
      unit: 'Special forces group "Arystan" (Karaganda)',
    },
    { key: 'negotiators', name: 'Negotiators', org: 'NSC Karaganda', unit: 'Negotiation team' },
    {
      key: 'investigators',
      name: 'Investigative team',
      org: 'Karaganda Police',
      unit: 'Investigative department',
    },
    { key: 'traffic', name: 'Traffic police', org: 'Karaganda Police', unit: 'Traffic police battalion' },
    { key: 'medics', name: 'Ambulance crews', org: 'EMS Karaganda', unit: 'Ambulance substation 1' },
    { key: 'rescue', name: 'Fire and rescue', org: 'ESD Karaganda', unit: 'Fire and rescue unit 2' },
    {
      key: 'alert',
      name: 'Public alert duty shift',
      org: 'ESD Karaganda',
      unit: 'Regional public alert duty shift',
    },
    {
      key: 'prison',
      name: 'Institution security detail',
      org: 'Karaganda Penal',
      unit: 'Institution security detail',
    },
    { key: 'airport', name: 'Aviation security', org: 'Sary-Arka Airport', unit: 'Aviation security shift' },
  ],
  people: [
    { name: 'Aidar Seitkali', role: 'director', user: 'director.astana', org: 'NSC Astana' },
    { name: 'Yerlan Bekov', role: 'senior-controller', user: 'controller.expo', org: 'NSC Astana' },
    { name: 'Asel Tulegenova', role: 'controller', org: 'Karaganda CTC', contact: 'Prison site, channel 2' },
    { name: 'Ruslan Kim', role: 'controller', org: 'Karaganda CTC', contact: 'School site, channel 3' },
    { name: 'Bakhyt Sadykov', role: 'controller', org: 'Karaganda CTC', contact: 'Airport site, channel 4' },
    { name: 'Gulnara Ospanova', role: 'safety-controller', org: 'ESD Karaganda' },
    { name: 'Daniyar Zhumabekov', role: 'simulator', org: 'Karaganda CTC', contact: 'SimCell, HQ room 214' },
    { name: 'Saule Nurlanova', role: 'lead-evaluator', user: 'evaluator.ems', org: 'EMS Astana' },
    { name: 'Kairat Mukanov', role: 'evaluator', org: 'NSC Astana' },
    { name: 'Azamat Iskakov', role: 'trusted-agent', team: 'hq', org: 'Karaganda CTC' },
    { name: 'Serik Nurpeisov', role: 'player', team: 'patrol', org: 'Karaganda Police' },
    { name: 'Alexei Volkov', role: 'player', team: 'sobr', org: 'Karaganda Police' },
    { name: 'Yerzhan Baimukhanov', role: 'player', team: 'arystan', org: 'NSC Karaganda' },
    { name: 'Madina Kasymova', role: 'player', team: 'medics', org: 'EMS Karaganda' },
    { name: 'Zhanna Abilova', role: 'player', team: 'alert', org: 'ESD Karaganda' },
    { name: 'Cadets of the Karaganda Academy of the Ministry of Internal Affairs', role: 'actor' },
    { name: 'Olga Petrenko', role: 'observer', user: 'observer.karaganda', org: 'Karaganda CTC' },
  ],
  msel: KARAGANDA_MSEL,
};
