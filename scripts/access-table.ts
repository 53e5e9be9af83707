// Writes docs/access.md from the routes the app registers. Run: npm run docs:access
import { writeFileSync } from 'node:fs';
import { loadConfig } from '../src/config/config.js';
import { accessTable } from '../src/http/access-table.js';
import { buildApp } from '../src/http/app.js';
import { openRuntime } from '../src/runtime.js';

const runtime = await openRuntime(loadConfig({ DABYL_DATA_DIR: ':memory:', DABYL_LOG_LEVEL: 'silent' }));
const { app, routes } = await buildApp(runtime.ctx, { logger: false });
writeFileSync(new URL('../docs/access.md', import.meta.url), accessTable(routes));
await app.close();
await runtime.close();
