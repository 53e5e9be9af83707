/**
 * The AAR/IP of the demo's Karaganda exercise with 2,000 events in its log: our whole generation
 * (gather from the database, store the version, lay out the document, draw the charts, write the
 * DOCX) beside the bare DOCX build of the same content with the docx package (headings, paragraphs,
 * tables and the same pictures, already drawn), in one run. Target (PERFORMANCE.md): ≤ 2×.
 * Run: npx tsx bench/aar.bench.ts
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from 'docx';
import { loadConfig } from '../src/config/config.js';
import type { AarContent } from '../src/core/aar/content.js';
import { drawingSvg } from '../src/core/chart/shapes.js';
import type { Actor } from '../src/core/policy/policy.js';
import { openRuntime } from '../src/runtime.js';
import { generateReport, renderReport } from '../src/services/aar/aar.service.js';
import { aarCharts } from '../src/core/aar/charts.js';
import { aarStrings } from '../src/services/aar/i18n.js';
import { drawingPng } from '../src/services/aar/png.js';
import { loadDemoData } from '../src/services/demo.service.js';

const EVENTS = 2_000;
const OBSERVATIONS = 200;
const RUNS = Number(process.env.RUNS ?? 7);
const ADMIN: Actor = { userId: 'bench', grants: [{ role: 'admin', organisationId: null, exerciseId: null }] };
const WHO = { userId: null, name: 'bench' };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The same content written with the docx package alone: what any program writing it would do. */
async function bareDocx(
  c: AarContent,
  pictures: { data: Buffer; width: number; height: number }[],
): Promise<Buffer> {
  const p = (text: string) => new Paragraph({ children: [new TextRun(text)] });
  const h = (text: string, level: 1 | 2 | 3) =>
    new Paragraph({
      heading: [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3][level - 1],
      text,
    });
  const table = (rows: string[][]) =>
    rows.length === 0
      ? p('None recorded.')
      : new Table({
          rows: rows.map(
            (r) => new TableRow({ children: r.map((x) => new TableCell({ children: [p(x)] })) }),
          ),
        });
  const img = (d: (typeof pictures)[number]) =>
    new Paragraph({
      children: [
        new ImageRun({
          type: 'png',
          data: d.data,
          transformation: { width: 600, height: (d.height / d.width) * 600 },
        }),
      ],
    });
  const children = [
    new Paragraph({ heading: HeadingLevel.TITLE, text: c.overview.name }),
    h('Overview', 1),
    table(Object.entries(c.overview).map(([k, v]) => [k, String(v ?? '')])),
    h('Objectives', 1),
    ...c.objectives.flatMap((o) => [
      h(o.text, 2),
      table(o.targets.map((t) => [t.capability, t.text, t.rating ?? '', t.reasoning])),
    ]),
    h('Capabilities', 1),
    ...c.capabilities.flatMap((cap) => [
      h(cap.name, 2),
      ...[...cap.strengths, ...cap.areasForImprovement].flatMap((f) => [
        p(`${f.reference}. ${f.text}`),
        p(f.analysis),
      ]),
      ...cap.observations.map(
        (o) => new Paragraph({ bullet: { level: 0 }, text: `${o.time} ${o.author}: ${o.text}` }),
      ),
    ]),
    h('Timeline', 1),
    ...pictures.map(img),
    table(
      c.responseTimes.perTeam.map((r) => [
        r.label,
        String(r.acknowledgeSeconds),
        String(r.actionSeconds),
        String(r.count),
      ]),
    ),
    table(
      c.responseTimes.perInject.map((r) => [
        r.label,
        String(r.acknowledgeSeconds),
        String(r.actionSeconds),
        String(r.count),
      ]),
    ),
    h('Improvement plan', 1),
    table(
      c.improvementPlan.map((r) => [
        r.capability,
        r.issue,
        r.correctiveAction,
        r.element,
        r.owner,
        r.due ?? '',
        r.status,
      ]),
    ),
    h('Participants', 1),
    table(c.participants.map((r) => [r.organisation, r.extentOfPlay, r.teams.join(', '), String(r.people)])),
  ];
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), 'dabyl-aar-bench-'));
  const rt = await openRuntime(loadConfig({ DABYL_DATA_DIR: dir, DABYL_LOG_LEVEL: 'silent' }));
  const ctx = rt.ctx;
  const db = ctx.db.kysely;
  try {
    await loadDemoData(ctx);
    const ex = await db
      .selectFrom('exercises')
      .selectAll()
      .where('name', 'like', 'Karaganda%')
      .executeTakeFirstOrThrow();
    const objectives = await db
      .selectFrom('objectives')
      .select('id')
      .where('exercise_id', '=', ex.id)
      .execute();
    const start = Date.parse(ex.startex);
    await db
      .insertInto('clock_events')
      .values({
        exercise_id: ex.id,
        seq: 1,
        command: 'startex',
        at: ex.startex,
        speed: 1,
        to_seconds: null,
        scenario_seconds: null,
        actor_id: null,
        actor_name: 'bench',
        reason: null,
      })
      .onConflict((oc) => oc.doNothing())
      .execute();
    // The log: observations (as evaluators record them) and the events announcing them and the rest.
    const obs = Array.from({ length: OBSERVATIONS }, (_, i) => {
      const at = new Date(start + i * 90_000).toISOString();
      const s = i * 90;
      return {
        id: randomUUID(),
        exercise_id: ex.id,
        author_id: 'bench',
        author_name: `Evaluator ${i % 7}`,
        fingerprint: String(i),
        text: `Observation ${i}: the cordon at the school was ${i % 3 ? 'held' : 'late by several minutes'}; radio traffic ${i % 5 ? 'clear' : 'lost in the stairwell'}.`,
        observed_at: at,
        exercise_seconds: s,
        exercise_time: `H+${String(Math.floor(s / 3600)).padStart(2, '0')}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:00`,
        scenario_time: null,
        venue_id: null,
        team_id: null,
        lon: null,
        lat: null,
        objective_ids: JSON.stringify([objectives[i % objectives.length]!.id]),
        critical_task_ids: '[]',
        photo_type: null,
        received_at: at,
      };
    });
    for (let i = 0; i < obs.length; i += 50)
      await db
        .insertInto('observations')
        .values(obs.slice(i, i + 50))
        .execute();
    const last =
      (
        await db
          .selectFrom('events')
          .select((eb) => eb.fn.max('seq').as('m'))
          .executeTakeFirst()
      )?.m ?? 0;
    const events = Array.from({ length: EVENTS }, (_, i) => ({
      seq: Number(last) + i + 1,
      at: new Date(start + i * 9_000).toISOString(),
      type: i < OBSERVATIONS ? 'observation.recorded' : 'inject.changed',
      permission: 'exercises:conduct',
      organisation_id: null,
      exercise_id: ex.id,
      subject_type: 'exercise',
      subject_id: ex.id,
      payload: '{}',
    }));
    for (let i = 0; i < events.length; i += 200)
      await db
        .insertInto('events')
        .values(events.slice(i, i + 200))
        .execute();

    const ours: number[] = [];
    const base: number[] = [];
    let content: AarContent | null = null;
    let sizes = [0, 0];
    for (let r = 0; r < RUNS; r++) {
      let t = performance.now();
      const v = await generateReport(ctx, WHO, ADMIN, ex.id);
      if (process.env.PROFILE) console.log('generate', performance.now() - t);
      const docx = await renderReport(v.content, v.status, v.version, 'docx');
      if (process.env.PROFILE) console.log('render', performance.now() - t);
      ours.push(performance.now() - t);
      content = v.content;
      const charts = aarCharts(content, aarStrings(content.language));
      const pictures = [charts.timeline, charts.perTeam, charts.perInject].map(
        (d) => (drawingSvg(d), drawingPng(d)),
      );
      t = performance.now();
      const bare = await bareDocx(content, pictures);
      base.push(performance.now() - t);
      sizes = [docx.length, bare.length];
    }
    const [o, b] = [median(ours), median(base)];
    console.log(
      `AAR/IP of "${ex.name}" (${content!.basis.events} events, ${content!.basis.observations} observations, ${content!.objectives.length} objectives), median of ${RUNS}:`,
    );
    console.log(
      `  ours (gather + store version + document + charts + DOCX): ${o.toFixed(1)} ms, ${sizes[0]} bytes`,
    );
    console.log(
      `  baseline (bare docx build of the same content):           ${b.toFixed(1)} ms, ${sizes[1]} bytes`,
    );
    console.log(`  ratio ours/baseline: ${(o / b).toFixed(2)}× (target ≤ 2×)`);
  } finally {
    await rt.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
