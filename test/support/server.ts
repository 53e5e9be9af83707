import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/config.js';
import { startServer, type Server } from '../../src/runtime.js';
import { SYSTEM_ACTOR } from '../../src/services/context.js';
import { createUser } from '../../src/services/users.service.js';
import { testDatabaseUrl } from '../setup/engines.js';
import { createTestSchema, dropTestSchema } from './postgres.js';

export interface TestServer {
  url: string;
  server: Server;
  admin: { username: string; password: string };
  createUser(username: string, password: string, role: string): Promise<void>;
  close(): Promise<void>;
}

/**
 * A real Dabyl server on a free port with a fresh database: a temporary SQLite folder, or a
 * PostgreSQL schema of its own. It serves the console from dist/web as built.
 */
export async function startTestServer(
  opts: { engine?: 'sqlite' | 'postgres'; demo?: boolean; env?: Record<string, string> } = {},
): Promise<TestServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dabyl-test-'));
  const postgres = opts.engine === 'postgres';
  const schema = postgres ? await createTestSchema() : undefined;
  const config = loadConfig({
    DABYL_PORT: '0',
    DABYL_HOST: '127.0.0.1',
    DABYL_DATA_DIR: dataDir,
    DABYL_DEMO_DATA: opts.demo === false ? 'false' : 'true',
    DABYL_LOG_LEVEL: 'silent',
    // Two test files run at once against one PostgreSQL of 100 connections: each runtime keeps few.
    DABYL_DATABASE_POOL_SIZE: '5',
    // Every answer checked against its declared schema: a drifting contract fails the test that meets it.
    DABYL_CHECK_RESPONSES: 'true',
    ...(postgres ? { DABYL_DATABASE_URL: testDatabaseUrl() } : {}),
    ...opts.env,
  });
  const server = await startServer(config, { logger: false, ...(schema ? { schema } : {}) });
  if (!server.firstAdmin) throw new Error('a fresh test server must create its first administrator');
  const ctx = server.runtime.ctx;
  return {
    url: server.url,
    server,
    admin: server.firstAdmin,
    createUser: async (username, password, role) => {
      await createUser(ctx, SYSTEM_ACTOR, null, {
        username,
        displayName: username,
        password,
        grants: [{ role }],
      });
    },
    close: async () => {
      // The test is over: a connection still busy with an answer it never read (a large map layer
      // fills the socket) would hold the graceful close, and with it the whole runtime, past the
      // hook's limit, in a process the next test file shares.
      server.app.app.server.closeAllConnections();
      await server.close();
      if (schema) await dropTestSchema(schema);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
