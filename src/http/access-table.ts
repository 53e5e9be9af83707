import { decide, ROLES, type Grant } from '../core/policy/policy.js';
import type { RouteEntry } from './access.js';

const MARK = { allow: '✓', forbidden: '—', unauthenticated: '—' } as const;

/**
 * The route × role table as Markdown, computed from the registered routes and the policy. It is
 * committed as docs/access.md; a test fails when the file and the code disagree, so a new route
 * shows up in review with the roles it lets in.
 */
export function accessTable(routes: RouteEntry[]): string {
  const sorted = [...routes].sort((a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method));
  const header = `| route | access | anonymous | ${ROLES.join(' | ')} |\n|---|---|---|${ROLES.map(() => '---').join('|')}|\n`;
  const rows = sorted.map((r) => {
    const cells = ROLES.map((role) => {
      const grants: Grant[] = [{ role, organisationId: null, exerciseId: null }];
      return MARK[decide(r.access, { userId: 'x', grants })];
    });
    return `| \`${r.method} ${r.url}\` | ${r.access} | ${r.access === 'public' ? '✓' : '—'} | ${cells.join(' | ')} |`;
  });
  return (
    '# Who may call what\n\n' +
    'Generated from the registered routes and `src/core/policy/policy.ts` by `npm run docs:access`; ' +
    'a test fails when this file is out of date. ✓ allowed, — refused (401 anonymous, 403 signed in). ' +
    'Roles here are granted everywhere; a grant scoped to one organisation or exercise applies only there.\n\n' +
    header +
    rows.join('\n') +
    '\n'
  );
}
