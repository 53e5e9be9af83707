/**
 * MSEL spreadsheet import, 10,000 injects: our whole import (read + find the table + map + check +
 * validate + one transaction of batched inserts on SQLite) beside exceljs's raw read of the same
 * file (load + walk every cell's value), in one run. Target (PERFORMANCE.md): ≥ 0.5× the raw read.
 * Run: npx tsx bench/msel-import.bench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { loadConfig } from '../src/config/config.js';
import type { Actor } from '../src/core/policy/policy.js';
import { openRuntime } from '../src/runtime.js';
import { SYSTEM_ACTOR } from '../src/services/context.js';
import { createExercise } from '../src/services/planning/exercises.service.js';
import { importSpreadsheet } from '../src/services/planning/import.service.js';
import { addTeam } from '../src/services/planning/plan.service.js';
import { bigMselXlsx } from '../test/support/spreadsheets.js';

const ROWS = 10_000;
const RUNS = Number(process.env.RUNS ?? 5);
const ADMIN: Actor = { userId: 'bench', grants: [{ role: 'admin', organisationId: null, exerciseId: null }] };

async function rawRead(file: Buffer): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  let cells = 0;
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.value !== undefined) cells++;
      }),
    ),
  );
  return cells;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const file = await bigMselXlsx(ROWS);
  const dir = mkdtempSync(path.join(tmpdir(), 'dabyl-bench-msel-'));
  const rt = await openRuntime(loadConfig({ DABYL_DATA_DIR: dir, DABYL_LOG_LEVEL: 'silent' }));
  try {
    const raw: number[] = [];
    const ours: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      let t = performance.now();
      await rawRead(file);
      raw.push(performance.now() - t);
      const ex = await createExercise(rt.ctx, SYSTEM_ACTOR, {
        name: `Bench ${run}`,
        type: 'full-scale',
        timeZone: 'Asia/Almaty',
        startex: '2026-10-25T09:00:00+05:00',
        endex: '2026-10-25T17:00:00+05:00',
      });
      for (const name of ['Police', 'SOBR']) await addTeam(rt.ctx, SYSTEM_ACTOR, ADMIN, ex.id, { name });
      t = performance.now();
      const report = await importSpreadsheet(rt.ctx, SYSTEM_ACTOR, ADMIN, ex.id, 'msel', file);
      ours.push(performance.now() - t);
      if (report.imported !== ROWS)
        throw new Error(`imported ${report.imported}: ${report.issues[0]?.message}`);
    }
    const r = median(raw);
    const o = median(ours);
    const rate = (ms: number) => Math.round((ROWS / ms) * 1000).toLocaleString('en');
    console.log(`file: ${ROWS} injects, ${(file.length / 1024).toFixed(0)} KB; median of ${RUNS} runs`);
    console.log(`exceljs raw read           ${r.toFixed(0)} ms  ${rate(r)} rows/s`);
    console.log(`Dabyl import (SQLite)      ${o.toFixed(0)} ms  ${rate(o)} rows/s`);
    console.log(`ratio (ours / raw speed)   ${(r / o).toFixed(2)}×  (target ≥ 0.5×)`);
  } finally {
    await rt.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
