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
import type { MessageLang } from '../../core/messages/messages.js';
import { CLI_WORDS } from '../cli.texts.js';
import { CliFailure, codeIn, EXIT, printJson, printTable, readStdin } from '../output.js';
import { ORG_COLUMNS, PEOPLE_WORDS, TOKEN_COLUMNS, USER_COLUMNS, type PeopleWords } from './people.texts.js';

async function userId(ctx: AppContext, username: string, w: PeopleWords): Promise<string> {
  const user = await findUserByUsername(ctx, username);
  if (!user) throw new CliFailure(w.noUser(username), EXIT.notFound);
  return user.id;
}

async function orgId(
  ctx: AppContext,
  nameOrShort: string | undefined,
  w: PeopleWords,
): Promise<string | null> {
  if (!nameOrShort) return null;
  const orgs = await listOrganisations(ctx);
  const org = orgs.find((o) => o.id === nameOrShort || o.name === nameOrShort || o.shortName === nameOrShort);
  if (!org) throw new CliFailure(w.noOrganisation(nameOrShort), EXIT.notFound);
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

export function registerPeopleCommands(program: Command, lang: MessageLang): void {
  const w = PEOPLE_WORDS[lang];
  const json = CLI_WORDS[lang].json;
  const user = program.command('user').description(w.user);
  user
    .command('add <username>')
    .description(w.add)
    .requiredOption('--name <displayName>', w.name)
    .option('--email <email>', w.email)
    .option('--role <role>', w.role, collect)
    .option('--org <organisation>', w.org)
    .option('--locale <kk|ru|en>', w.locale, 'kk')
    .option('--password-stdin', w.passwordStdin)
    .option('--json', json)
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
          const organisationId = await orgId(ctx, opts.org, w);
          const created = await createUser(ctx, cliActor(), null, {
            username,
            displayName: opts.name,
            email: opts.email,
            password,
            locale: opts.locale,
            grants: (opts.role ?? []).map((role) => ({ role, organisationId })),
          });
          if (opts.json) printJson({ ...created, ...(generated ? { password } : {}) });
          else process.stdout.write(`${w.created(created.username, generated ? password : null)}\n`);
        }),
    );
  user
    .command('list')
    .description(w.list)
    .option('--json', json)
    .action(async (opts: { json?: boolean }) =>
      withContext(async (ctx) => {
        const users = await listUsers(ctx);
        if (opts.json) printJson(users);
        else
          printTable(
            users.map((u) => ({
              ...u,
              roles: u.grants.map((g) => codeIn(lang, 'role', g.role)),
              state: u.disabled ? w.disabledState : w.activeState,
            })),
            [...USER_COLUMNS],
            w.userColumns,
          );
      }),
    );
  for (const [cmd, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    user
      .command(`${cmd} <username>`)
      .description(disabled ? w.disable : w.enable)
      .action(async (username: string) =>
        withContext(async (ctx) => {
          await updateUser(ctx, cliActor(), await userId(ctx, username, w), { disabled });
          process.stdout.write(`${disabled ? w.disabled(username) : w.enabled(username)}\n`);
        }),
      );
  }
  user
    .command('passwd <username>')
    .description(w.passwd)
    .option('--password-stdin', w.passwordStdin)
    .action(async (username: string, opts: { passwordStdin?: boolean }) =>
      withContext(async (ctx) => {
        const { password, generated } = await passwordFrom(opts);
        const { tokensRevoked } = await setPassword(
          ctx,
          cliActor(),
          await userId(ctx, username, w),
          password,
        );
        process.stdout.write(
          `${generated ? w.newPassword(username, password) : w.passwordChanged(username)}\n` +
            `${w.sessionsEnded(tokensRevoked)}\n`,
        );
      }),
    );
  user
    .command('grant <username> <role>')
    .description(w.grant)
    .option('--org <organisation>', w.grantOrg)
    .action(async (username: string, role: string, opts: { org?: string }) =>
      withContext(async (ctx) => {
        const admin = {
          userId: 'cli',
          grants: [{ role: 'admin' as const, organisationId: null, exerciseId: null }],
        };
        await grantRole(ctx, cliActor(), admin, await userId(ctx, username, w), {
          role,
          organisationId: await orgId(ctx, opts.org, w),
        });
        process.stdout.write(`${w.granted(username, role, opts.org)}\n`);
      }),
    );

  const org = program.command('org').description(w.orgGroup);
  org
    .command('add <name>')
    .description(w.orgAdd)
    .requiredOption('--kind <kind>', w.orgKind)
    .option('--short <shortName>', w.orgShort)
    .option('--json', json)
    .action(async (name: string, opts: { kind: string; short?: string; json?: boolean }) =>
      withContext(async (ctx) => {
        const created = await createOrganisation(ctx, cliActor(), {
          name,
          kind: opts.kind,
          shortName: opts.short,
        });
        if (opts.json) printJson(created);
        else process.stdout.write(`${w.orgAdded(created.name, created.id)}\n`);
      }),
    );
  org
    .command('list')
    .description(w.orgList)
    .option('--json', json)
    .action(async (opts: { json?: boolean }) =>
      withContext(async (ctx) => {
        const orgs = await listOrganisations(ctx);
        if (opts.json) printJson(orgs);
        else
          printTable(
            orgs.map((o) => ({
              ...o,
              kind: codeIn(lang, 'organisationKind', o.kind),
              units: o.units.length,
            })),
            [...ORG_COLUMNS],
            w.orgColumns,
          );
      }),
    );

  const token = program.command('token').description(w.token);
  token
    .command('create <username>')
    .description(w.tokenCreate)
    .requiredOption('--name <name>', w.tokenName)
    .requiredOption('--scope <permission>', w.tokenScope, collect)
    .option('--days <n>', w.tokenDays, '90')
    .option('--json', json)
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
          process.stdout.write(`${w.tokenCreated(created.id, username, created.expiresAt, created.token)}\n`);
      }),
    );
  token
    .command('list <username>')
    .description(w.tokenList)
    .option('--json', json)
    .action(async (username: string, opts: { json?: boolean }) =>
      withContext(async (ctx) => {
        const tokens = await listTokens(ctx, await userId(ctx, username, w));
        if (opts.json) printJson(tokens);
        else
          printTable(
            tokens.map((t) => ({ ...t })),
            [...TOKEN_COLUMNS],
            w.tokenColumns,
          );
      }),
    );
  token
    .command('revoke <tokenId>')
    .description(w.tokenRevoke)
    .action(async (tokenId: string) =>
      withContext(async (ctx) => {
        await revokeToken(ctx, cliActor(), tokenId, true);
        process.stdout.write(`${w.tokenRevoked(tokenId)}\n`);
      }),
    );
}
