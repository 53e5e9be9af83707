import type { Command } from 'commander';
import { createToken, principalForUsername, revokeToken, listTokens } from '../../services/auth.service.js';
import { createOrganisation, listOrganisations } from '../../services/organisations.service.js';
import { randomPassword } from '../../services/passwords.js';
import {
  createUser,
  findUserByUsername,
  grantRole,
  listUsers,
  setPassword,
  updateUser,
} from '../../services/users.service.js';
import type { AppContext } from '../../services/context.js';
import { cliActor, withContext } from '../context.js';
import { CliFailure, EXIT, printJson, printTable, readStdin } from '../output.js';

async function userId(ctx: AppContext, username: string): Promise<string> {
  const user = await findUserByUsername(ctx, username);
  if (!user) throw new CliFailure(`no user "${username}"`, EXIT.notFound);
  return user.id;
}

async function orgId(ctx: AppContext, nameOrShort: string | undefined): Promise<string | null> {
  if (!nameOrShort) return null;
  const orgs = await listOrganisations(ctx);
  const org = orgs.find((o) => o.id === nameOrShort || o.name === nameOrShort || o.shortName === nameOrShort);
  if (!org) throw new CliFailure(`no organisation "${nameOrShort}" (see: dabyl org list)`, EXIT.notFound);
  return org.id;
}

/** The password from stdin, or a random one that is printed once. */
async function passwordFrom(opts: {
  passwordStdin?: boolean;
}): Promise<{ password: string; generated: boolean }> {
  if (opts.passwordStdin) return { password: await readStdin(), generated: false };
  return { password: randomPassword(), generated: true };
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerPeopleCommands(program: Command): void {
  const user = program.command('user').description('people who sign in to Dabyl');
  user
    .command('add <username>')
    .description('create a user; prints a random password unless --password-stdin')
    .requiredOption('--name <displayName>', 'the name people see')
    .option('--email <email>', 'e-mail address')
    .option('--role <role>', 'a role to grant (repeat for more)', collect)
    .option('--org <organisation>', 'grant the roles in this organisation only (name, short name or id)')
    .option('--locale <kk|ru|en>', 'console language', 'kk')
    .option('--password-stdin', 'read the password from standard input')
    .option('--json', 'machine-readable output')
    .action(
      async (
        username: string,
        opts: {
          name: string;
          email?: string;
          role?: string[];
          org?: string;
          locale: string;
          passwordStdin?: boolean;
          json?: boolean;
        },
      ) =>
        withContext(async (ctx) => {
          const { password, generated } = await passwordFrom(opts);
          const organisationId = await orgId(ctx, opts.org);
          const created = await createUser(ctx, cliActor(), null, {
            username,
            displayName: opts.name,
            email: opts.email,
            password,
            locale: opts.locale,
            grants: (opts.role ?? []).map((role) => ({ role, organisationId })),
          });
          if (opts.json) printJson({ ...created, ...(generated ? { password } : {}) });
          else
            process.stdout.write(
              `created ${created.username}${generated ? `; password (shown once): ${password}` : ''}\n`,
            );
        }),
    );
  user
    .command('list')
    .description('list users with their roles')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) =>
      withContext(async (ctx) => {
        const users = await listUsers(ctx);
        if (opts.json) printJson(users);
        else
          printTable(
            users.map((u) => ({
              ...u,
              roles: u.grants.map((g) => g.role),
              state: u.disabled ? 'disabled' : 'active',
            })),
            ['username', 'displayName', 'roles', 'state', 'locale'],
          );
      }),
    );
  for (const [cmd, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    user
      .command(`${cmd} <username>`)
      .description(
        disabled ? 'stop a user signing in and end their sessions' : 'let a disabled user sign in again',
      )
      .action(async (username: string) =>
        withContext(async (ctx) => {
          await updateUser(ctx, cliActor(), await userId(ctx, username), { disabled });
          process.stdout.write(`${username} ${disabled ? 'disabled' : 'enabled'}\n`);
        }),
      );
  }
  user
    .command('passwd <username>')
    .description(
      "set a user's password (random and printed once unless --password-stdin); ends their sessions and revokes their API tokens",
    )
    .option('--password-stdin', 'read the password from standard input')
    .action(async (username: string, opts: { passwordStdin?: boolean }) =>
      withContext(async (ctx) => {
        const { password, generated } = await passwordFrom(opts);
        const { tokensRevoked } = await setPassword(ctx, cliActor(), await userId(ctx, username), password);
        process.stdout.write(
          (generated
            ? `new password for ${username} (shown once): ${password}\n`
            : `password of ${username} changed\n`) +
            `their sessions ended and ${tokensRevoked} API token(s) revoked\n`,
        );
      }),
    );
  user
    .command('grant <username> <role>')
    .description('grant a role, everywhere or in one organisation')
    .option('--org <organisation>', 'only in this organisation')
    .action(async (username: string, role: string, opts: { org?: string }) =>
      withContext(async (ctx) => {
        const admin = {
          userId: 'cli',
          grants: [{ role: 'admin' as const, organisationId: null, exerciseId: null }],
        };
        await grantRole(ctx, cliActor(), admin, await userId(ctx, username), {
          role,
          organisationId: await orgId(ctx, opts.org),
        });
        process.stdout.write(`${username} is now ${role}${opts.org ? ` in ${opts.org}` : ''}\n`);
      }),
    );

  const org = program.command('org').description('agencies (organisations) and their units');
  org
    .command('add <name>')
    .description('add an organisation')
    .requiredOption(
      '--kind <kind>',
      'national-security, police, emergency-situations, health, armed-forces, local-government or other',
    )
    .option('--short <shortName>', 'short name')
    .option('--json', 'machine-readable output')
    .action(async (name: string, opts: { kind: string; short?: string; json?: boolean }) =>
      withContext(async (ctx) => {
        const created = await createOrganisation(ctx, cliActor(), {
          name,
          kind: opts.kind,
          shortName: opts.short,
        });
        if (opts.json) printJson(created);
        else process.stdout.write(`added ${created.name} (${created.id})\n`);
      }),
    );
  org
    .command('list')
    .description('list organisations')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) =>
      withContext(async (ctx) => {
        const orgs = await listOrganisations(ctx);
        if (opts.json) printJson(orgs);
        else
          printTable(
            orgs.map((o) => ({ ...o, units: o.units.length })),
            ['shortName', 'name', 'kind', 'units', 'id'],
          );
      }),
    );

  const token = program.command('token').description('API tokens for scripts and other systems');
  token
    .command('create <username>')
    .description('create an API token for a user; the token is printed once')
    .requiredOption('--name <name>', 'what the token is for')
    .requiredOption('--scope <permission>', 'a permission the token may use (repeat for more)', collect)
    .option('--days <n>', 'days until it expires', '90')
    .option('--json', 'machine-readable output')
    .action(async (username: string, opts: { name: string; scope: string[]; days: string; json?: boolean }) =>
      withContext(async (ctx) => {
        const owner = await principalForUsername(ctx, username);
        const created = await createToken(
          ctx,
          { ...owner, info: cliActor() },
          { name: opts.name, scopes: opts.scope, expiresInDays: Number(opts.days) },
        );
        if (opts.json) printJson(created);
        else
          process.stdout.write(
            `token ${created.id} for ${username}, expires ${created.expiresAt}. Shown once:\n${created.token}\n`,
          );
      }),
    );
  token
    .command('list <username>')
    .description("a user's API tokens")
    .option('--json', 'machine-readable output')
    .action(async (username: string, opts: { json?: boolean }) =>
      withContext(async (ctx) => {
        const tokens = await listTokens(ctx, await userId(ctx, username));
        if (opts.json) printJson(tokens);
        else
          printTable(
            tokens.map((t) => ({ ...t })),
            ['id', 'name', 'scopes', 'expiresAt', 'revokedAt', 'lastUsedAt'],
          );
      }),
    );
  token
    .command('revoke <tokenId>')
    .description('revoke an API token at once')
    .action(async (tokenId: string) =>
      withContext(async (ctx) => {
        await revokeToken(ctx, cliActor(), tokenId, true);
        process.stdout.write(`token ${tokenId} revoked\n`);
      }),
    );
}
