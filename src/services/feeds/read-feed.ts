import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  capFinding,
  CapParseError,
  parseCapDocument,
  validateCap,
  type CapFinding,
  type ParsedCap,
} from '../../cap/index.js';
import {
  allSignaturesHold,
  embeddedAlerts,
  isCertificateFile,
  loadTrustAnchors,
  TRUST_STORE_KINDS,
  verifyEachSignature,
  type SignatureVerdict,
  type TrustAnchor,
} from '../../cap/dsig/index.js';
import { refusedAs } from '../../errors.js';
import { inThread, workerModule } from '../off-thread.js';

/**
 * Documents up to this size are read in place. A feed may bring up to 8 MB; parsing, checking and
 * verifying that much takes the better part of a second, which on the main thread would hold every
 * request of the process, an alert's among them.
 */
export const IN_PLACE_BYTES = 64 * 1024;

const READ = workerModule('read-feed.worker', import.meta.url);

/** One alert of a feed's document, read, checked and its signatures verified. */
export interface FeedMessage extends ParsedCap {
  /** What reading found and what the rules find, on the message as received. */
  checked: CapFinding[];
  verdicts: SignatureVerdict[];
  /** Every signature holds, chains to the feed's trust store and uses strong algorithms. */
  verified: boolean;
}

/** A document: unreadable (one finding on the whole), or its alerts. */
export type FeedReading = { unreadable: CapFinding } | { messages: FeedMessage[] };

/** What the thread is handed. */
export interface ReadJob {
  body: Uint8Array;
  trustStore: string | null;
  receivedAt: string;
}

/** The certificates of a trust store folder (every *.pem, *.crt and *.cer in it). */
export function trustAnchorsIn(folder: string): TrustAnchor[] {
  let files: string[];
  try {
    files = readdirSync(folder).filter(isCertificateFile);
  } catch (err) {
    throw refusedAs('trustStore', `cannot be read: ${(err as Error).message}`, 'trust_store_unreadable');
  }
  if (files.length === 0)
    throw refusedAs('trustStore', `holds no certificate (${TRUST_STORE_KINDS})`, 'trust_store_empty', {
      kinds: TRUST_STORE_KINDS,
    });
  try {
    return loadTrustAnchors(files.map((f) => readFileSync(path.join(folder, f))));
  } catch (err) {
    throw refusedAs('trustStore', (err as Error).message, 'trust_store_bad');
  }
}

/** Reads a feed's document: each alert with its findings and each signature's verdict. */
export function readFeedDocument(body: Uint8Array, anchors: TrustAnchor[], receivedAt: Date): FeedReading {
  let document;
  try {
    document = parseCapDocument(body);
  } catch (err) {
    if (!(err instanceof CapParseError)) throw err;
    return { unreadable: capFinding('/', 'error', `feed.${err.code}`, err.words) };
  }
  const texts = signedTexts(
    Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'),
    document,
  );
  return {
    messages: document.messages.map((message) => {
      // A fault in one element (an empty area) is a finding on that element; the alert is still kept.
      const checked = [
        ...message.findings,
        ...validateCap(message.alert, { version: message.version, now: receivedAt }),
      ];
      const signedText = message.signed ? texts.get(message.location) : undefined;
      const verdicts = signedText
        ? verifyEachSignature(signedText, { trustAnchors: anchors, receivedAt, now: receivedAt })
        : [];
      // SHA-1 or DSA still verifies, but forging it is within reach: such a copy is read and its
      // weakness reported, and it is never shown as verified.
      const verified =
        anchors.length > 0 && allSignaturesHold(verdicts) && verdicts.every((v) => v.trusted && !v.weak);
      return { ...message, checked, verdicts, verified };
    }),
  };
}

/**
 * {@link readFeedDocument}, in a thread of its own when the document is large. The trust store is
 * read here first, so a store that cannot be read is refused as it always was.
 */
export async function readFeedAside(
  body: Uint8Array,
  trustStore: string | null,
  receivedAt: Date,
): Promise<FeedReading> {
  const anchors = trustStore ? trustAnchorsIn(trustStore) : [];
  if (body.byteLength <= IN_PLACE_BYTES) return readFeedDocument(body, anchors, receivedAt);
  const job: ReadJob = { body, trustStore, receivedAt: receivedAt.toISOString() };
  return inThread<FeedReading>(READ, job, 'the feed reader');
}

/**
 * Each signed message's text as its signer signed it, by where it sits: the document itself when
 * bare, and each alert taken out of its Atom, RSS or EDXL-DE wrapper otherwise.
 */
function signedTexts(text: string, document: ReturnType<typeof parseCapDocument>): Map<string, string> {
  const out = new Map<string, string>();
  if (!document.messages.some((m) => m.signed)) return out;
  if (document.wrapper === 'none') return out.set('/alert', text);
  const found = embeddedAlerts(text);
  if ('alerts' in found) for (const a of found.alerts) out.set(a.location, a.xml);
  return out;
}
