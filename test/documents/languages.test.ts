/**
 * Every document Dabyl writes for people — the ExPlan, SitMan and controller/evaluator handbook
 * (HTML, DOCX), the after-action report and improvement plan (HTML, DOCX, PDF), the printed
 * evaluation guide, the MSEL, participants and venues exports (XLSX, CSV), the exercise and
 * programme calendars (iCalendar) and the public notices' calendar and Atom feed — holds no English
 * in Kazakh or Russian: no Latin word but those docs/glossary.md keeps in Latin letters.
 *
 * The exercise is planned, run and evaluated here with every text a planner, evaluator, player or
 * PIO types written in Cyrillic, so any Latin word left in a document is one the product wrote:
 * a heading, label, table header, enumeration, marking, unit or boilerplate sentence.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APPROVAL_STATES,
  DELIVERY_METHODS,
  EVENT_KINDS,
  EXERCISE_ROLES,
  EXERCISE_TYPES,
  EXTENTS_OF_PLAY,
  VENUE_KINDS,
  ZONE_KINDS,
} from '../../src/contract/enums.js';
import { RATING_DEFINITIONS } from '../../src/core/evaluation/rating.js';
import type { PublicNotice } from '../../src/core/notice/notice.js';
import type { Actor } from '../../src/core/policy/policy.js';
import { renderSite } from '../../src/http/portal/site/render-site.js';
import { exportReport, generateReport } from '../../src/services/aar/aar.service.js';
import { aarStrings } from '../../src/services/aar/i18n.js';
import { clockCommand } from '../../src/services/conduct/clock.service.js';
import { injectAction, listInjects } from '../../src/services/conduct/injects.service.js';
import { switchNoPlay } from '../../src/services/conduct/no-play.service.js';
import { SYSTEM_ACTOR, type AppContext } from '../../src/services/context.js';
import { renderGuideForPrint } from '../../src/services/evaluation/eeg-print.js';
import { evaluationGuide } from '../../src/services/evaluation/eeg.service.js';
import { createFinding } from '../../src/services/evaluation/findings.service.js';
import { recordRating } from '../../src/services/evaluation/ratings.service.js';
import { createItem } from '../../src/services/improvement/items.service.js';
import { recordObservation } from '../../src/services/observations/observations.service.js';
import { createOrganisation } from '../../src/services/organisations.service.js';
import { exerciseCalendar, programmeCalendar } from '../../src/services/planning/calendar.service.js';
import { CALENDAR_TEXTS } from '../../src/services/planning/calendar.texts.js';
import { ensureCoreCapabilities } from '../../src/services/planning/capabilities.service.js';
import { renderDocument } from '../../src/services/planning/documents/documents.service.js';
import { stringsFor, term } from '../../src/services/planning/documents/i18n/strings.js';
import { createExercise, createProgramme } from '../../src/services/planning/exercises.service.js';
import { exportSpreadsheet } from '../../src/services/planning/export.service.js';
import { addModule } from '../../src/services/planning/modules.service.js';
import { addEvent, approveEvents, submitEvents } from '../../src/services/planning/msel.service.js';
import {
  addObjective,
  addPerson,
  addTeam,
  addVenue,
  addZone,
  getPlan,
  setParticipation,
} from '../../src/services/planning/plan.service.js';
import { answerSurvey } from '../../src/services/survey/survey.service.js';
import { createUser } from '../../src/services/users.service.js';
import { latinIn } from '../browser/latin-words.js';
import { openTestRuntime } from '../support/engines.js';
import { keptInLatin } from '../support/glossary.js';

const run = promisify(execFile);
const LANGS = ['kk', 'ru'] as const;
type Lang = (typeof LANGS)[number];

const grant = (role: string): Actor['grants'][number] =>
  ({ role, organisationId: null, exerciseId: null }) as Actor['grants'][number];
const planner: Actor = { userId: 'u-planner', grants: [grant('planner')] };
const director: Actor = { userId: 'u-director', grants: [grant('director')] };
const evaluator: Actor = { userId: 'u-evaluator', grants: [grant('evaluator')] };
const plannerInfo = { userId: planner.userId, name: 'Ерлан Жоспарлаушы' };
const directorInfo = { userId: director.userId, name: 'Серік Басшы' };
const evaluatorInfo = { userId: evaluator.userId, name: 'Әлия Бағалаушы' };

// ---------------------------------------------------------------------------------------------
// Reading a document's text as its reader reads it.

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)))
      : (ENTITIES[e.toLowerCase()] ?? m),
  );

/** The text of an HTML page: its title, body and the words its charts draw, tags and styles left out. */
const htmlText = (html: string) =>
  decode(
    html
      .replace(/<style[\s\S]*?<\/style>/gi, ' ')
      .replace(/<script[\s\S]*?<\/script>/gi, ' ')
      .replace(/<[^>]+>/g, ' '),
  );

/** The text of the XML elements named, entities decoded. */
const xmlText = (xml: string, element: RegExp) =>
  [...xml.matchAll(new RegExp(`<(${element.source})(?: [^>]*)?>([^<]*)</\\1>`, 'g'))]
    .map((m) => decode(m[2]!))
    .join(' ');

/**
 * What a DOCX shows: the text runs of the body, headers and footers; the pictures' descriptions
 * (read aloud by a screen reader) and the words the SVG pictures draw; the file's properties
 * (title, author, description) a reader sees in Word's "Info".
 */
async function docxText(body: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(body);
  const parts: string[] = [];
  for (const name of Object.keys(zip.files)) {
    const xml = await zip.file(name)?.async('string');
    if (xml === undefined) continue;
    if (/^word\/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$/.test(name)) {
      parts.push(xmlText(xml, /w:t/));
      for (const m of xml.matchAll(/<wp:docPr [^>]*>/g))
        for (const a of m[0].matchAll(/ (?:descr|title)="([^"]*)"/g)) parts.push(decode(a[1]!));
    } else if (/^word\/media\/.+\.svg$/.test(name)) parts.push(htmlText(xml));
    else if (name === 'docProps/core.xml')
      parts.push(xmlText(xml, /dc:title|dc:subject|dc:creator|dc:description|cp:keywords|cp:lastModifiedBy/));
  }
  return parts.join('\n');
}

/** What a workbook shows: its cells' strings, its sheets' names and its properties. */
async function xlsxText(body: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(body);
  const parts: string[] = [];
  for (const name of Object.keys(zip.files)) {
    const xml = await zip.file(name)?.async('string');
    if (xml === undefined) continue;
    if (name === 'xl/sharedStrings.xml' || /^xl\/worksheets\/.+\.xml$/.test(name))
      parts.push(xmlText(xml, /t/));
    else if (name === 'xl/workbook.xml')
      for (const m of xml.matchAll(/<sheet [^>]*name="([^"]*)"/g)) parts.push(decode(m[1]!));
    else if (name === 'docProps/core.xml')
      parts.push(xmlText(xml, /dc:title|dc:subject|dc:creator|dc:description|cp:keywords|cp:lastModifiedBy/));
  }
  return parts.join('\n');
}

/** What a calendar application shows of an iCalendar file: its name and each event's texts. */
function icsText(ics: string): string {
  const lines = ics.replace(/\r?\n[ \t]/g, '').split(/\r?\n/);
  return lines
    .filter((l) =>
      /^(X-WR-CALNAME|X-WR-CALDESC|NAME|DESCRIPTION|SUMMARY|LOCATION|COMMENT|CATEGORIES)[;:]/.test(l),
    )
    .map((l) =>
      l
        .slice(l.indexOf(':') + 1)
        .replace(/\\n/gi, '\n')
        .replace(/\\([,;\\])/g, '$1'),
    )
    .join('\n');
}

/** What a feed reader shows of an Atom feed: the feed's and the entries' titles, summaries and author. */
const atomText = (xml: string) => xmlText(xml, /title|subtitle|summary|name|content/);

async function pdfText(body: Buffer): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'dabyl-doc-text-'));
  try {
    const file = path.join(dir, 'document.pdf');
    await writeFile(file, body);
    return (await run('pdftotext', ['-enc', 'UTF-8', file, '-'])).stdout;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Latin letters standing alone ("v2", "No 5"), which the word check passes over: only HSEEP's own
 * notation is kept, H+ for the time from STARTEX and the P, S, M and U of a rating.
 */
const strayLetters = (text: string): string[] => [
  ...new Set(
    [...text.matchAll(/(?<![A-Za-z])[A-Za-z](?![A-Za-z])/g)]
      .filter((m) => !(m[0] === 'H' && text[m.index + 1] === '+') && !'PSMU'.includes(m[0]))
      .map((m) => text.slice(m.index, m.index + 3).trim()),
  ),
];

// ---------------------------------------------------------------------------------------------
// The exercise, with every text its people type in Cyrillic.

interface World {
  ctx: AppContext;
  programmeId: string;
  exerciseId: string;
  drop(): Promise<void>;
}

const STARTEX = '2026-10-25T09:00:00+05:00';

async function buildWorld(): Promise<World> {
  const rt = await openTestRuntime('sqlite');
  const ctx = rt.ctx;
  await ensureCoreCapabilities(ctx);
  const hq = await createOrganisation(ctx, SYSTEM_ACTOR, { name: 'Облыстық жедел штаб', kind: 'police' });
  const medics = await createOrganisation(ctx, SYSTEM_ACTOR, {
    name: 'Жедел жәрдем станциясы',
    kind: 'health',
  });
  const programme = await createProgramme(
    ctx,
    plannerInfo,
    { name: 'Күзгі оқу-жаттығулар сериясы' },
    planner,
  );
  const name = 'Қарағанды облысындағы кешенді оқу-жаттығу';
  const exercise = await createExercise(
    ctx,
    plannerInfo,
    {
      programmeId: programme.id,
      name,
      type: 'full-scale',
      timeZone: 'Asia/Almaty',
      startex: STARTEX,
      endex: '2026-10-25T17:00:00+05:00',
      city: 'Қарағанды',
      scope: 'Полиция, арнайы жасақ, дәрігерлер мен құтқарушылар.',
      threat: 'Қарулы шабуыл және кепілге алу',
      scenario: 'Қарулы топ түзеу мекемесіне шабуыл жасайды.',
      sponsor: 'Облыстық терроризмге қарсы штаб',
      pointOfContact: 'Штаб кезекшісі, +7 7212 00 00 00',
      leadOrganisationId: hq.id,
    },
    planner,
  );
  const id = exercise.id;
  const objectiveId = await addObjective(ctx, plannerInfo, planner, id, {
    text: 'Алғашқы хабардан кейін 30 минут ішінде бірыңғай басқару пунктін құру.',
    capabilityTargets: [
      {
        coreCapabilityId: 'operational-coordination',
        text: 'Бірыңғай басқару 30 минут ішінде',
        criticalTasks: ['Басқару пунктін ашу', 'Ортақ радиожелі ашу'],
      },
    ],
  });
  const prison = await addVenue(ctx, plannerInfo, planner, id, {
    name: 'Түзеу колониясы',
    kind: 'prison',
    address: 'Қарағанды, Бұқар жырау даңғылы',
    point: { lon: 73.0867, lat: 49.8047 },
  });
  await addVenue(ctx, plannerInfo, planner, id, {
    name: 'Әуежай',
    kind: 'airport',
    point: { lon: 73.33, lat: 49.67 },
  });
  await addZone(ctx, plannerInfo, planner, id, {
    name: 'Бұқар жырау даңғылы жабылады',
    kind: 'road-closure',
    road: 'Бұқар жырау даңғылы',
    venueId: prison,
    geometry: {
      type: 'LineString',
      coordinates: [
        [73.09, 49.8],
        [73.11, 49.81],
      ],
    },
    startsAt: '2026-10-25T08:30:00+05:00',
    endsAt: '2026-10-25T13:00:00+05:00',
    notes: 'Айналма жол — Ерубаев көшесі',
  });
  await addZone(ctx, plannerInfo, planner, id, {
    name: 'Колония айналасындағы қоршау',
    kind: 'cordon',
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [73.08, 49.8],
          [73.09, 49.8],
          [73.09, 49.81],
          [73.08, 49.8],
        ],
      ],
    },
    startsAt: '2026-10-25T09:00:00+05:00',
    endsAt: '2026-10-25T12:00:00+05:00',
  });
  await setParticipation(ctx, plannerInfo, planner, id, {
    organisationId: hq.id,
    extentOfPlay: 'full',
    notes: 'Барлық бөлімшелер',
  });
  await setParticipation(ctx, plannerInfo, planner, id, {
    organisationId: medics.id,
    extentOfPlay: 'simulated',
  });
  const patrol = await addTeam(ctx, plannerInfo, planner, id, { name: '7-патруль', organisationId: hq.id });
  const ambulance = await addTeam(ctx, plannerInfo, planner, id, {
    name: 'Жедел жәрдем бригадасы',
    organisationId: medics.id,
  });
  const people: Record<string, string> = {};
  for (const [i, role] of EXERCISE_ROLES.entries())
    people[role] = await addPerson(ctx, plannerInfo, planner, id, {
      name: `Қатысушы ${i + 1}`,
      role,
      ...(role === 'player' ? { teamId: patrol } : {}),
      contact: `+7 701 000 00 ${String(i).padStart(2, '0')}`,
    });
  const medic = await addPerson(ctx, plannerInfo, planner, id, {
    name: 'Дәрігер',
    role: 'player',
    teamId: ambulance,
  });
  await addModule(ctx, plannerInfo, planner, id, {
    title: '1-модуль: колония қақпасы',
    narrative: 'Қақпа маңында атыс туралы хабар түседі. Кезекші штабқа хабарлайды.',
    questions: ['Басқаруды кім қолға алады?', 'Халыққа қашан хабарланады?'],
  });
  const plan2 = await getPlan(ctx, planner, id);
  const task = plan2.objectives[0]!.capabilityTargets[0]!.criticalTasks[0]!.id;
  const events: [string, Partial<Parameters<typeof addEvent>[4]>][] = [
    ['1', { kind: 'inject', method: 'radio', toTeamIds: [patrol], criticalTaskIds: [task] }],
    ['2', { kind: 'controller-info', method: 'in-app' }],
    ['3', { kind: 'facilitation-note', method: 'phone', toText: 'Штаб' }],
    ['4', { kind: 'inject', method: 'email', toTeamIds: [ambulance], contingency: true }],
    ['5', { kind: 'inject', method: 'sms' }],
  ];
  for (const [number, over] of events)
    await addEvent(ctx, plannerInfo, planner, id, {
      number,
      kind: 'inject',
      offsetMinutes: Number(number) * 10,
      scenarioTime: `1-күн, 09:${number}0`,
      from: 'Имитациялық топ',
      method: 'radio',
      title: `${number}-кіріспе: қақпадағы атыс`,
      content: 'Кезекші қақпада автомат атысы туралы хабарлайды.',
      expectedAction: 'Аумақты қоршап, штабқа хабарлау',
      objectiveIds: [objectiveId],
      responsibleControllerId: people['controller']!,
      controllerNotes: 'Тек бақылаушыларға: 09:31-де бос оқпен ату',
      ...over,
    });
  // One event stays a draft, one submitted, the rest approved: each state is printed.
  const msel = await ctx.db.kysely
    .selectFrom('msel_events')
    .select(['id', 'number'])
    .where('exercise_id', '=', id)
    .execute();
  const ids = (numbers: string[]) => msel.filter((e) => numbers.includes(e.number)).map((e) => e.id);
  await submitEvents(ctx, plannerInfo, planner, id, ids(['1', '2', '4', '5']));
  await approveEvents(ctx, directorInfo, director, id, ids(['1', '4', '5']));

  // The exercise runs: STARTEX, an inject fired, a pause, observations,
  // ratings, findings and an improvement item, ENDEX and the hot-wash survey answered.
  await ctx.db.kysely.updateTable('exercises').set({ status: 'ready' }).where('id', '=', id).execute();
  const seated = await createUser(ctx, SYSTEM_ACTOR, null, {
    username: 'oinshy',
    displayName: 'Айдос Жаттығушы',
    password: 'document languages passphrase',
    grants: [{ role: 'player', organisationId: null }],
  });
  await ctx.db.kysely
    .updateTable('exercise_people')
    .set({ user_id: seated.id })
    .where('id', '=', people['player']!)
    .execute();
  void medic;
  const player: Actor = { userId: seated.id, grants: [grant('player')] };
  await clockCommand(ctx, directorInfo, director, id, {
    command: 'startex',
    confirmName: name,
    plannedStart: STARTEX,
    reason: 'Құжаттарды тексеру үшін',
  });
  const first = (await listInjects(ctx, director, id)).find((r) => r.number === '1')!;
  await injectAction(ctx, directorInfo, director, id, first.id, 'fire', 'Қолмен беру');
  await clockCommand(ctx, directorInfo, director, id, { command: 'pause', reason: 'Үзіліс' });
  await clockCommand(ctx, directorInfo, director, id, { command: 'resume', reason: 'Жалғастыру' });
  await switchNoPlay(ctx, directorInfo, director, id, true, 'Нақты оқиға');
  await switchNoPlay(ctx, directorInfo, director, id, false, 'Оқиға аяқталды');
  const observation = randomUUID();
  await recordObservation(ctx, evaluatorInfo, evaluator, id, observation, {
    observedAt: new Date().toISOString(),
    text: 'Басқару пункті 25 минутта ашылды',
    objectiveIds: [objectiveId],
    criticalTaskIds: [task],
  });
  const target = plan2.objectives[0]!.capabilityTargets[0]!.id;
  await recordRating(ctx, evaluatorInfo, evaluator, id, {
    subjectKind: 'capability_target',
    subjectId: target,
    rating: 'S',
    reasoning: 'Пункт уақытында ашылды, радиожелі кешікті.',
    evidence: [{ kind: 'observation', id: observation }],
    version: 0,
  });
  await recordRating(ctx, evaluatorInfo, evaluator, id, {
    subjectKind: 'core_capability',
    subjectId: 'operational-coordination',
    rating: 'M',
    reasoning: 'Үйлестіру кешікті.',
    evidence: [{ kind: 'observation', id: observation }],
    version: 0,
  });
  for (const kind of ['strength', 'improvement'] as const)
    await createFinding(ctx, evaluatorInfo, evaluator, id, {
      capabilityId: 'operational-coordination',
      kind,
      text: kind === 'strength' ? 'Штаб тез жиналды' : 'Радиобайланыс үзілді',
      analysis: 'Талдау мәтіні',
      observationIds: [observation],
    });
  await createItem(ctx, directorInfo, director, {
    exerciseId: id,
    capabilityId: 'operational-coordination',
    element: 'equipment',
    issue: 'Радиобайланыс үзілді',
    correctiveAction: 'Қосымша ретрансляторлар орнату',
    organisationId: hq.id,
    owner: { name: 'Байланыс бөлімі' },
    startOn: '2026-11-01',
    dueOn: '2027-02-01',
  });
  await clockCommand(ctx, directorInfo, director, id, { command: 'endex', reason: 'Ойын аяқталды' });
  await answerSurvey(ctx, player, id, {
    anonymous: false,
    answers: {
      objectives: 4,
      realism: 5,
      preparation: 3,
      'injects-in-time': true,
      coordination: false,
      strengths: 'Штаб тез жиналды',
    },
  });
  return { ctx, programmeId: programme.id, exerciseId: id, drop: rt.drop };
}

/** A notice published in one language only, with an area and a closure. */
function noticeIn(lang: Lang): PublicNotice {
  const text = {
    title: lang === 'kk' ? 'Қарағандыда оқу-жаттығу' : 'Учения в Караганде',
    summary: lang === 'kk' ? 'Түзеу колониясы маңында оқу-жаттығу.' : 'Учения у исправительной колонии.',
    seeAndHear: lang === 'kk' ? 'Сиреналар, қарулы топтар.' : 'Сирены, вооружённые группы.',
    doList: [lang === 'kk' ? 'Сабыр сақтаңыз' : 'Сохраняйте спокойствие'],
    dontList: [lang === 'kk' ? 'Түсірмеңіз' : 'Не снимайте'],
    contacts: '+7 7212 00 00 00',
  };
  const area = (kind: 'area' | 'closure', name: string) => ({
    id: randomUUID(),
    kind,
    texts: { [lang]: { name, description: name } },
    geometry: {
      type: 'LineString' as const,
      coordinates: [
        [73.09, 49.8],
        [73.11, 49.81],
      ],
    },
    startsAt: null,
    endsAt: null,
    zoneId: null,
  });
  const id = randomUUID();
  const snapshot = {
    id,
    slug: `oqu-${lang}`,
    exerciseId: null,
    city: lang === 'kk' ? 'Қарағанды' : 'Караганда',
    timeZone: 'Asia/Almaty',
    startsAt: '2026-10-25T04:00:00.000Z',
    endsAt: '2026-10-25T12:00:00.000Z',
    texts: { [lang]: text },
    areas: [
      area('area', lang === 'kk' ? 'Колония маңы' : 'Район колонии'),
      area('closure', lang === 'kk' ? 'Бұқар жырау даңғылы' : 'Проспект Бухар-Жырау'),
    ],
  };
  return {
    id,
    slug: snapshot.slug,
    revision: 1,
    kind: 'Alert',
    firstPublishedAt: '2026-10-20T04:00:00.000Z',
    publishedAt: '2026-10-20T04:00:00.000Z',
    capIdentifier: `urn:dabyl:${id}`,
    snapshot,
    history: [{ revision: 1, kind: 'Alert', note: null, publishedAt: '2026-10-20T04:00:00.000Z' }],
  };
}

// ---------------------------------------------------------------------------------------------

/** Each document of the exercise in `lang`, as the text its reader reads. */
async function documentsIn(w: World, lang: Lang): Promise<[string, Promise<string>][]> {
  const { ctx, exerciseId: id } = w;
  const docs: [string, Promise<string>][] = [];
  // Made at once and read in turn: a failure is reported when its document's turn comes.
  const add = (name: string, text: Promise<string>) => {
    text.catch(() => undefined);
    docs.push([name, text]);
  };
  for (const kind of ['explan', 'sitman', 'handbook'] as const) {
    add(
      `${kind}.html`,
      renderDocument(ctx, directorInfo, director, id, kind, 'html', lang).then((d) =>
        htmlText(d.body.toString('utf8')),
      ),
    );
    add(
      `${kind}.docx`,
      renderDocument(ctx, directorInfo, director, id, kind, 'docx', lang).then((d) => docxText(d.body)),
    );
  }
  // The report is written in its exercise's language.
  await ctx.db.kysely.updateTable('exercises').set({ language: lang }).where('id', '=', id).execute();
  const version = (await generateReport(ctx, directorInfo, director, id)).version;
  const report = (format: 'html' | 'docx' | 'pdf') =>
    exportReport(ctx, directorInfo, director, id, format, version).then((r) => r.body);
  add(
    'AAR/IP.html',
    report('html').then((b) => htmlText(b.toString('utf8'))),
  );
  add('AAR/IP.docx', report('docx').then(docxText));
  add('AAR/IP.pdf', report('pdf').then(pdfText));
  add(
    'evaluation guide (print)',
    evaluationGuide(ctx, evaluator, id).then((g) => htmlText(renderGuideForPrint(g, lang))),
  );
  for (const kind of ['msel', 'participants', 'venues'] as const) {
    add(
      `${kind}.csv`,
      exportSpreadsheet(ctx, director, id, kind, 'csv', lang).then((f) => f.body.toString('utf8')),
    );
    add(
      `${kind}.xlsx`,
      exportSpreadsheet(ctx, director, id, kind, 'xlsx', lang).then((f) => xlsxText(f.body)),
    );
  }
  // A calendar feed speaks its subscriber's language.
  add('exercise calendar (ics)', exerciseCalendar(ctx, planner, id, lang).then(icsText));
  add('programme calendar (ics)', programmeCalendar(ctx, planner, w.programmeId, lang).then(icsText));
  const notice = noticeIn(lang);
  const site = renderSite(
    { generation: 1, notices: [notice], caps: new Map(), alerts: [] },
    new Date(),
    'https://dabyl.example.kz',
  );
  add('public notices calendar (notices.ics)', Promise.resolve(icsText(site.get('/notices.ics')!.body)));
  add(
    `a notice's calendar (notices/<id>.ics)`,
    Promise.resolve(icsText(site.get(`/notices/${notice.id}.ics`)!.body)),
  );
  add('public notices feed (notices.atom)', Promise.resolve(atomText(site.get('/notices.atom')!.body)));
  return docs;
}

describe('documents in Kazakh and Russian', () => {
  let w: World;
  const allowed = new Set([...keptInLatin()].map((k) => k.toLowerCase()));

  beforeAll(async () => {
    w = await buildWorld();
  }, 60_000);
  afterAll(async () => w?.drop());

  it.each(LANGS)(
    'writes no English word in any document in %s',
    async (lang) => {
      const docs = await documentsIn(w, lang);
      const leaks: string[] = [];
      for (const [name, pending] of docs) {
        const text = await pending;
        // A reader that read nothing would find nothing: each text holds the document's own words.
        expect(text, name).toMatch(/[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүІіҺһ]{4}/);
        const words = [...latinIn(text, allowed), ...strayLetters(text)];
        if (words.length) leaks.push(`${name}: ${words.join(' ')}`);
      }
      expect(leaks, `English in the ${lang} documents`).toEqual([]);
    },
    120_000,
  );

  it('keeps a calendar event’s SEQUENCE when subscribers read it in different languages', async () => {
    const sequences = async (lang: 'kk' | 'ru' | 'en') =>
      [...(await exerciseCalendar(w.ctx, planner, w.exerciseId, lang)).matchAll(/^SEQUENCE:(\d+)/gm)].map(
        (m) => m[1],
      );
    const first = await sequences('kk');
    expect(first.length).toBeGreaterThan(1);
    for (const lang of ['ru', 'en', 'kk'] as const) expect(await sequences(lang), lang).toEqual(first);
  });

  it.each(LANGS)('keeps every fixed text of the documents in %s, printed or not by this exercise', (lang) => {
    // Each string, and each sentence a function makes from Cyrillic arguments.
    const texts: string[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === 'string') texts.push(v);
      else if (typeof v === 'function')
        texts.push(String((v as (...a: unknown[]) => unknown)('Ә', 'Ә', 'Ә')));
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk([stringsFor(lang), aarStrings(lang), CALENDAR_TEXTS[lang]]);
    walk(Object.values(RATING_DEFINITIONS).map((d) => [d.title[lang], d.text[lang]]));
    const leaks = texts.filter((t) => latinIn(t, allowed).length > 0 || strayLetters(t).length > 0);
    expect(leaks).toEqual([]);
  });

  it.each(LANGS)('names every fixed choice a document prints in %s', (lang) => {
    const s = stringsFor(lang);
    const untranslated = [
      ...EXERCISE_TYPES,
      ...EXERCISE_ROLES,
      ...VENUE_KINDS,
      ...ZONE_KINDS,
      ...EXTENTS_OF_PLAY,
      ...EVENT_KINDS,
      ...DELIVERY_METHODS,
      ...APPROVAL_STATES,
    ].filter((code) => latinIn(term(s, code), allowed).length > 0);
    expect(untranslated).toEqual([]);
  });
});
