import ExcelJS from 'exceljs';

/**
 * MSELs as planners keep them, in Kazakh, Russian and English, written by code: an "APPROVED" block
 * and a title above the table, a merged two-level header ("Time" over "H+" and "Local"), the
 * console's own words and their synonyms as headings, objectives named by number or by their text,
 * the responsible controller by name, times as text, as Excel times and as offsets, a section
 * heading inside the table and signatures, a contact line and a date below it.
 */

export type Language = 'kk' | 'ru' | 'en';

/** The plan a sheet in one language refers to: what the exercise must hold for it to import. */
export interface SheetPlan {
  teams: [string, string];
  objectives: [string, string];
  controllers: [string, string];
}

export const PLANS: Record<Language, SheetPlan> = {
  ru: {
    teams: ['Дежурная часть', 'СОБР'],
    objectives: ['Оценить оповещение населения', 'Освободить заложников без потерь'],
    controllers: ['Иванов А. Б.', 'Петрова Е. В.'],
  },
  kk: {
    teams: ['Кезекші бөлім', 'Арнайы жасақ'],
    objectives: ['Халықты хабардар етуді бағалау', 'Кепілге алынғандарды шығынсыз босату'],
    controllers: ['Сейтқали Н. Ж.', 'Әбілова Г. С.'],
  },
  en: {
    teams: ['Duty desk', 'SWAT'],
    objectives: ['Assess the public alert', 'Free the hostages without losses'],
    controllers: ['John Smith', 'Aigerim Bekova'],
  },
};

interface Words {
  approved: string;
  title: string;
  /** Top header row; null where a merge continues. */
  header: (string | null)[];
  /** Second header row under the merged "time" heading. */
  sub: [string, string];
  heading: string;
  footer: (string | null)[][];
  yes: string;
  no: string;
  methods: [string, string, string];
  /** Objective references as this language writes them: by number with text, by number, by text. */
  objectiveRefs: (plan: SheetPlan) => [string, string, string];
  offset: (hhmm: string) => string;
}

const WORDS: Record<Language, Words> = {
  ru: {
    approved: 'УТВЕРЖДАЮ',
    title: 'ПЛАН-СЦЕНАРИЙ антитеррористического учения «Караганда-2026»',
    header: [
      '№ п/п',
      'Время',
      null,
      'Кому',
      'Заголовок',
      'Содержание вводной',
      'Ожидаемые действия обучаемых',
      'Цель',
      'Ответственный контролёр',
      'Способ доведения',
      'Резервная вводная',
    ],
    sub: ['Ч+', 'Местное'],
    heading: 'Этап 2. Освобождение заложников',
    footer: [
      ['Руководитель учения', null, null, '____________', 'А. Б. Иванов'],
      ['Исп.: Петрова Е. В., тел. 8 (7212) 41-00-00'],
      ['«20» октября 2026 г.'],
    ],
    yes: 'да',
    no: 'нет',
    methods: ['телефон', 'радио', 'лично'],
    objectiveRefs: (p) => [`Цель 1: ${p.objectives[0]}`, 'Ц-2', p.objectives[1]],
    offset: (t) => `Ч+${t}`,
  },
  kk: {
    approved: 'БЕКІТЕМІН',
    title: '«Қарағанды-2026» терроризмге қарсы жаттығуының сценарий жоспары',
    header: [
      'Р/с',
      'Уақыт',
      null,
      'Кімге',
      'Тақырыбы',
      'Мазмұны',
      'Жаттығушылардың күтілетін әрекеті',
      'Мақсат',
      'Жауапты бақылаушы',
      'Жеткізу тәсілі',
      'Резервтік кіріспе',
    ],
    sub: ['С+', 'Жергілікті уақыт'],
    heading: '2-кезең. Кепілге алынғандарды босату',
    footer: [
      ['Жаттығу басшысы', null, null, '____________', 'Н. Ж. Сейтқали'],
      ['Орынд.: Әбілова Г. С., тел. 8 (7212) 41-00-00'],
      ['2026 жылғы «20» қазан'],
    ],
    yes: 'иә',
    no: 'жоқ',
    methods: ['телефон', 'радио', 'жеке'],
    objectiveRefs: (p) => [`1-мақсат: ${p.objectives[0]}`, 'Мақсат 2', p.objectives[1]],
    offset: (t) => `С+${t}`,
  },
  en: {
    approved: 'APPROVED',
    title: 'MASTER SCENARIO EVENTS LIST — counter-terrorism exercise "Karaganda-2026"',
    header: [
      'No.',
      'Time',
      null,
      'To',
      'Title',
      'Inject text',
      'Expected player action',
      'Objective',
      'Responsible controller',
      'Delivery method',
      'Contingency',
    ],
    sub: ['H+', 'Local'],
    heading: 'Phase 2. Freeing the hostages',
    footer: [
      ['Exercise director', null, null, '____________', 'J. Smith'],
      ['Prepared by A. Bekova, tel. +7 7212 41 00 00'],
      ['20 October 2026'],
    ],
    yes: 'yes',
    no: 'no',
    methods: ['phone', 'radio', 'in person'],
    objectiveRefs: (p) => [`Objective 1: ${p.objectives[0]}`, 'Obj. 2', p.objectives[1]],
    offset: (t) => `H+${t}`,
  },
};

/** What every sheet of the corpus must import as, whatever its language. */
export const EXPECTED = [
  {
    number: '1',
    offset: 'H+00:10',
    team: 0,
    objective: [0],
    controller: 0,
    method: 'phone',
    contingency: false,
  },
  {
    number: '2',
    offset: 'H+00:40',
    team: 1,
    objective: [1],
    controller: 1,
    method: 'radio',
    contingency: false,
  },
  {
    number: '3',
    offset: 'H+01:30',
    team: 1,
    objective: [1],
    controller: 1,
    method: 'radio',
    contingency: true,
  },
  {
    number: '4',
    offset: 'H+02:00',
    team: 0,
    objective: [0, 1],
    controller: 0,
    method: 'in-person',
    contingency: false,
  },
  {
    number: '5',
    offset: 'H+02:30',
    team: 0,
    objective: [],
    controller: 0,
    method: 'phone',
    contingency: false,
  },
] as const;

/**
 * One language's sheet. `layout` picks the header: `two-level` (merged "time" over offset and
 * local time, the planners' favourite) or `flat` (one row, local time only).
 */
export async function plannerMselXlsx(
  lang: Language,
  layout: 'two-level' | 'flat' = 'two-level',
): Promise<Buffer> {
  const w = WORDS[lang];
  const p = PLANS[lang];
  const [ref1, ref2, ref2Text] = w.objectiveRefs(p);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(lang === 'en' ? 'MSEL' : lang === 'ru' ? 'План' : 'Жоспар');
  ws.getCell('H1').value = w.approved;
  ws.getCell('H2').value = `${p.controllers[0]} ____________`;
  ws.mergeCells('A4:K4');
  ws.getCell('A4').value = w.title;
  const top = 6;
  const excelTime = (h: number, m: number) => new Date(Date.UTC(1899, 11, 30, h, m));
  type Row = [string | number, string | null, string | number | Date | null, ...(string | null)[]];
  const rows: Row[] = [
    [
      1,
      w.offset('00:10'),
      null,
      p.teams[0],
      'Call at the gate',
      'Shots at the prison gate',
      'Report',
      ref1,
      p.controllers[0],
      w.methods[0],
      w.no,
    ],
    [
      2,
      null,
      '09:40',
      p.teams[1],
      'School seized',
      'A group seized school 12',
      'Cordon',
      ref2,
      p.controllers[1],
      w.methods[1],
      null,
    ],
    [
      3,
      null,
      excelTime(10, 30),
      p.teams[1],
      'Bus to the airport',
      'Hostages on a bus',
      'Escort',
      ref2Text,
      p.controllers[1],
      w.methods[1],
      w.yes,
    ],
    [
      4,
      null,
      '25.10.2026 11:00',
      p.teams[0],
      'At the airport',
      'The bus arrived',
      null,
      `${ref1}; ${ref2}`,
      p.controllers[0],
      w.methods[2],
      w.no,
    ],
    [
      5,
      null,
      0.4791666666666667,
      p.teams[0],
      'All clear',
      'The exercise is over',
      null,
      null,
      p.controllers[0],
      w.methods[0],
      null,
    ],
  ];
  if (layout === 'flat') {
    // One header row: one time column holding offsets and local times alike.
    ws.getRow(top).values = [w.header[0]!, w.header[1]!, ...w.header.slice(3)];
    let r = top + 1;
    for (const row of rows) {
      const [n, offset, local, ...rest] = row;
      ws.getRow(r++).values = [n, offset ?? local, ...rest];
    }
    ws.getCell(`B${top + 3}`).numFmt = 'hh:mm';
    ws.getCell(`B${top + 5}`).numFmt = 'hh:mm';
    ws.getRow(r + 1).values = [];
    for (const [i, f] of w.footer.entries()) ws.getRow(r + 2 + i).values = f;
    return Buffer.from(await wb.xlsx.writeBuffer());
  }
  ws.getRow(top).values = w.header;
  ws.getRow(top + 1).values = [null, ...w.sub];
  ws.mergeCells(`B${top}:C${top}`);
  for (const col of ['A', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K'])
    ws.mergeCells(`${col}${top}:${col}${top + 1}`);
  let r = top + 2;
  for (const [i, row] of rows.entries()) {
    if (i === 2) {
      ws.mergeCells(`A${r}:K${r}`);
      ws.getCell(`A${r}`).value = w.heading;
      r++;
    }
    ws.getRow(r).values = row;
    if (row[2] instanceof Date || typeof row[2] === 'number') ws.getCell(`C${r}`).numFmt = 'hh:mm';
    r++;
  }
  r++;
  for (const f of w.footer) ws.getRow(r++).values = f;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The same MSEL as CSV with ";" as Russian and Kazakh Excel save it, times as text only. */
export function plannerMselCsv(lang: Language): Buffer {
  const w = WORDS[lang];
  const p = PLANS[lang];
  const [ref1, ref2, ref2Text] = w.objectiveRefs(p);
  const q = (v: string | null) => (v === null ? '' : /[;"\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [
    [w.header[0]!, `${w.header[1]} ${w.sub[0]}`, ...w.header.slice(3)],
    [
      '1',
      w.offset('00:10'),
      p.teams[0],
      'Call at the gate',
      'Shots at the prison gate',
      'Report',
      ref1,
      p.controllers[0],
      w.methods[0],
      w.no,
    ],
    [
      '2',
      w.offset('00:40'),
      p.teams[1],
      'School seized',
      'A group seized school 12',
      'Cordon',
      ref2,
      p.controllers[1],
      w.methods[1],
      '',
    ],
    [
      '3',
      w.offset('01:30'),
      p.teams[1],
      'Bus to the airport',
      'Hostages on a bus',
      'Escort',
      ref2Text,
      p.controllers[1],
      w.methods[1],
      w.yes,
    ],
    [
      '4',
      w.offset('02:00'),
      p.teams[0],
      'At the airport',
      'The bus arrived',
      '',
      `${ref1}; ${ref2}`,
      p.controllers[0],
      w.methods[2],
      w.no,
    ],
    [
      '5',
      w.offset('02:30'),
      p.teams[0],
      'All clear',
      'The exercise is over',
      '',
      '',
      p.controllers[0],
      w.methods[0],
      '',
    ],
    [],
    ...w.footer.map((f) => f.map((c) => c ?? '')),
  ];
  return Buffer.from(`\uFEFF${lines.map((l) => l.map((c) => q(c)).join(';')).join('\r\n')}\r\n`);
}
