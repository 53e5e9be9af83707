import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { CONSOLE_DIR } from '../paths.js';

/**
 * Serves the built console under /console/. Unknown paths get index.html so the console's own
 * router can show deep links; hashed assets are cached for a year, index.html never.
 */
export async function registerConsole(app: FastifyInstance, dir = CONSOLE_DIR): Promise<void> {
  await app.register(fastifyStatic, { root: dir, serve: false });
  const hide = { hide: true };
  app.get('/console', { config: { access: 'public' }, schema: hide }, async (_request, reply) =>
    reply.redirect('/console/', 301),
  );
  app.get('/console/*', { config: { access: 'public' }, schema: hide }, async (request, reply) => {
    if (!existsSync(path.join(dir, 'index.html'))) {
      return reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('The console is not built yet: run  npm run build');
    }
    const wanted = (request.params as { '*': string })['*'] ?? '';
    const file = path.normalize(path.join(dir, wanted));
    const inside = file.startsWith(dir + path.sep);
    if (inside && wanted !== '' && existsSync(file) && statSync(file).isFile()) {
      const immutable = wanted.startsWith('assets/');
      return reply.sendFile(path.relative(dir, file), {
        maxAge: immutable ? 365 * 86_400_000 : 0,
        immutable,
      });
    }
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html', { maxAge: 0 });
  });
}
