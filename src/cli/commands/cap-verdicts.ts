/**
 * What `dabyl cap verify` and `cap validate` both say of signatures: a verdict line per signature
 * (originator or distributor), its problems, a weak algorithm and the certificate's validity at
 * `sent`, at receipt and now; and the trust anchors both read from `--trust` and `--trust-store`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  CapSignatureError,
  isCertificateFile,
  loadTrustAnchors,
  TRUST_STORE_KINDS,
  type SignatureCheck,
  type SignatureVerdict,
  type TrustAnchor,
} from '../../cap/dsig/index.js';
import { capSentence } from '../../cap/sentences/sentences.js';
import { problemText, type MessageLang } from '../../core/messages/messages.js';
import { CliFailure, EXIT } from '../output.js';
import { CAP_SIGN_CLI_WORDS } from './cap-sign.texts.js';

const ROLES = {
  originator: 'signature_role_originator',
  distributor: 'signature_role_distributor',
} as const;

/** Commander's reducer for an option given more than once, such as `--trust`. */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** Where anchors come from: certificate files, and a folder of them. */
export interface TrustOptions {
  trust?: string[];
  trustStore?: string;
}

function storeFiles(folder: string, lang: MessageLang): string[] {
  const named = CAP_SIGN_CLI_WORDS[lang].trustStoreNamed(folder);
  let names: string[];
  try {
    names = readdirSync(folder).filter(isCertificateFile);
  } catch (err) {
    const why = problemText(lang, 'trust_store_unreadable');
    throw new CliFailure(`${named}: ${why} (${(err as Error).message})`, EXIT.notFound);
  }
  if (names.length === 0)
    throw new CliFailure(
      `${named}: ${problemText(lang, 'trust_store_empty', { kinds: TRUST_STORE_KINDS })}`,
      EXIT.usage,
    );
  return names.sort().map((n) => path.join(folder, n));
}

/** The anchors of every `--trust` file and of the `--trust-store` folder; none when neither is given. */
export function trustAnchorsFrom(opts: TrustOptions, lang: MessageLang): TrustAnchor[] {
  const words = CAP_SIGN_CLI_WORDS[lang];
  const files = [...(opts.trust ?? []), ...(opts.trustStore ? storeFiles(opts.trustStore, lang) : [])];
  const pems = files.map((file) => {
    try {
      return readFileSync(file, 'utf8');
    } catch (err) {
      throw new CliFailure(words.cannotRead('trustAnchor', file, (err as Error).message), EXIT.notFound);
    }
  });
  try {
    return loadTrustAnchors(pems);
  } catch (err) {
    const detail = err instanceof CapSignatureError ? capSentence(lang, err.words) : (err as Error).message;
    throw new CliFailure(words.trustAnchors(detail), EXIT.usage);
  }
}

/** One line for a signature, then one indented line per problem: what failed and where. */
export function describeCheck(label: string, check: SignatureCheck, lang: MessageLang, indent = ''): string {
  const words = CAP_SIGN_CLI_WORDS[lang];
  if (check.valid) {
    const keyFrom = words.keyFrom[check.keySource === 'trust-anchor' ? 'trust-anchor' : 'keyinfo'];
    const algorithm = check.algorithms?.signature.replace(/^.*#/, '') ?? '';
    const trust = check.trusted ? words.trusted : words.untrusted;
    return `${indent}${label}: ${words.valid(algorithm, keyFrom, check.signer?.subject ?? null, trust)}\n`;
  }
  const head = check.signed ? words.invalid : words.unsigned;
  const lines = check.problems.map(
    (p) => `${indent}  ${words.kind[p.what]}: ${capSentence(lang, p.words)}${p.path ? ` (${p.path})` : ''}`,
  );
  return [`${indent}${label}: ${head}`, ...lines].join('\n') + '\n';
}

/**
 * The verdicts of one message: a head line per signature, named `only` when it is the one
 * signature and by number and role among several, then its weakness and its certificate's
 * validity in time.
 */
export function describeVerdicts(
  verdicts: readonly SignatureVerdict[],
  lang: MessageLang,
  only: string,
  indent = '',
  prefix = '',
): string {
  const words = CAP_SIGN_CLI_WORDS[lang];
  const yesNo = (v: boolean | null) => (v === null ? words.unknown : v ? words.yes : words.no);
  const many = verdicts.length > 1;
  return verdicts
    .map((v) => {
      const label = many
        ? prefix + words.signatureNth(v.index, capSentence(lang, { key: ROLES[v.role] }))
        : only;
      if (!v.signed) return describeCheck(label, v, lang, indent);
      const facts = [
        v.weakWords ? `${words.weak}: ${capSentence(lang, v.weakWords)}` : '',
        v.signer
          ? words.validity(yesNo(v.validity.sent), yesNo(v.validity.receipt), yesNo(v.validity.now))
          : '',
      ].filter(Boolean);
      return describeCheck(label, v, lang, indent) + facts.map((f) => `${indent}  ${f}\n`).join('');
    })
    .join('');
}
