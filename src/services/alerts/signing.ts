import { readFileSync } from 'node:fs';
import path from 'node:path';
import { signCapMessage } from '../../cap/dsig/sign.js';
import type { Config } from '../../config/config.js';
import { AppError } from '../../errors.js';
import { keysDir } from '../keys/secrets.js';

/*
 * Alerts are signed with their organisation's key (XML-DSig, enveloped, over the whole alert). The
 * key and its certificate are files an administrator installs beside the data:
 * `keys/cap/<organisation id>.key.pem` and `.cert.pem`, or `installation.*` for alerts that belong
 * to no organisation. There is no fallback: a message that cannot be signed is not sent.
 */

/** The files an organisation's signing key is read from. */
export function signingKeyFiles(
  config: Config,
  organisationId: string | null,
): { key: string; certificate: string } {
  const base = path.join(keysDir(config), 'cap', organisationId ?? 'installation');
  return { key: `${base}.key.pem`, certificate: `${base}.cert.pem` };
}

/** An alert that could not be signed, and so was not sent; `detail` says why, for the authoriser. */
export class AlertSigningError extends AppError {
  constructor(readonly reason: string) {
    super('alert_unsigned', 409, `The alert was not sent because it could not be signed: ${reason}`);
  }
}

function read(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new AlertSigningError(
      code === 'ENOENT'
        ? `no ${what} is installed for this organisation (an administrator puts it at ${file})`
        : `the ${what} at ${file} cannot be read (${code ?? 'unknown error'})`,
    );
  }
}

/** The message signed with the organisation's key; throws {@link AlertSigningError}, never returns it unsigned. */
export function signAlertXml(config: Config, organisationId: string | null, xml: string): string {
  const files = signingKeyFiles(config, organisationId);
  const privateKey = read(files.key, 'signing key');
  const certificate = read(files.certificate, 'signing certificate');
  try {
    return signCapMessage(xml, { privateKey, certificate });
  } catch (err) {
    throw new AlertSigningError((err as Error).message);
  }
}
