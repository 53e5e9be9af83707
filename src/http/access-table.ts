import { ROLES, type Actor, type Role } from '../core/policy/policy.js';
import { verdictFor } from '../core/policy/scope.js';
import type { RouteEntry } from './access.js';

const MARK = { allow: '✓', forbidden: '—', hidden: '∅' } as const;
/** The organisation that owns the record in every column; "other" is the one the caller is not in. */
const OWNER = 'org-own';
const OTHER = 'org-other';

const grantOf = (role: Role, organisationId: string | null): Actor => ({
  userId: 'x',
  grants: [{ role, organisationId, exerciseId: null }],
});

/** One cell: the role scoped to the record's organisation / scoped to another / unscoped. */
function cell(route: RouteEntry, role: Role): string {
  return [grantOf(role, OWNER), grantOf(role, OTHER), grantOf(role, null)]
    .map((actor) => MARK[verdictFor(route.access, route.scope, actor, OWNER)])
    .join(' ');
}

/**
 * The route × role × scope table as Markdown, computed from the registered routes and the policy.
 * It is committed as docs/access.md; a test fails when the file and the code disagree, so a new
 * route shows up in review with the roles and scopes it lets in.
 */
export function accessTable(routes: RouteEntry[]): string {
  const sorted = [...routes].sort((a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method));
  const header = `| route | access | acts on | anonymous | ${ROLES.join(' | ')} |\n|---|---|---|---|${ROLES.map(() => '---').join('|')}|\n`;
  const rows = sorted.map(
    (r) =>
      `| \`${r.method} ${r.url}\` | ${r.access} | ${r.scope} | ${r.access === 'public' ? '✓' : '—'} | ${ROLES.map((role) => cell(r, role)).join(' | ')} |`,
  );
  return (
    '# Who may call what\n\n' +
    'Generated from the registered routes and `src/core/policy/` by `npm run docs:access`; ' +
    'a test fails when this file is out of date.\n\n' +
    'Each role cell holds three answers, for a grant of that role **scoped to the organisation that ' +
    'owns the record**, **scoped to another organisation**, and **not scoped**: ✓ allowed, — refused ' +
    '(401 anonymous, 403 signed in), ∅ answered "not found" (the caller may not even know of it). ' +
    '"Acts on" says what the route touches (docs/decisions/0016): `exercise`, `notice`, `alert`, `comment`, ' +
    '`delivery`, `user`, `organisation` — one record of an organisation (an exercise belongs to its lead and ' +
    'its participating organisations; planning it is its lead’s; a delivery or fan-out of the outbox to ' +
    'its notice’s or alert’s organisation, else its exercise’s lead); `shared` — what belongs to no ' +
    'organisation and serves all, changed by unscoped grants only; `filtered` — a list holding only ' +
    'what the caller’s grants reach; `none` — nothing an organisation owns. Creating a record ' +
    '(`POST /exercises`, `/programmes`, `/notices`, `/alerts`) checks the organisation named in the body.\n\n' +
    header +
    rows.join('\n') +
    '\n'
  );
}
