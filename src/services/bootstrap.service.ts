import { settingRepository } from '../store/audit.repository.js';
import { userRepository } from '../store/user.repository.js';
import { SYSTEM_ACTOR, type AppContext } from './context.js';
import { randomPassword } from './passwords.js';
import { createUser } from './users.service.js';

export interface FirstAdmin {
  username: string;
  password: string;
}

/**
 * On the very first start (no users at all) creates the administrator with a random password and
 * returns it so the caller prints it once; afterwards returns null. There is no default password.
 */
export async function ensureFirstAdmin(ctx: AppContext, username = 'admin'): Promise<FirstAdmin | null> {
  if ((await userRepository.count(ctx.db.kysely)) > 0) return null;
  const password = randomPassword();
  await createUser(ctx, SYSTEM_ACTOR, null, {
    username,
    displayName: 'Administrator',
    password,
    locale: 'kk',
    grants: [{ role: 'admin' }],
  });
  await settingRepository.set(ctx.db.kysely, 'bootstrap.admin', username, ctx.clock.now().toISOString());
  return { username, password };
}
