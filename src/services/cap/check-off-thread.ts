import { checkCap, resolveProfiles, type CapReport } from '../../cap/index.js';
import { capSignatureCheck } from '../../cap/dsig/index.js';
import { inThread, workerModule } from '../off-thread.js';

/**
 * Messages up to this size are checked in place: a few milliseconds. A large one (a polygon of a
 * hundred thousand points weighs about 2 MB) takes a third of a second and more, which on the main
 * thread would hold every request of the process, an alert's among them.
 */
export const IN_PLACE_BYTES = 64 * 1024;

const CHECK = workerModule('check.worker', import.meta.url);

/** What the thread is handed: the message and the profiles, already known to exist. */
export interface CheckJob {
  xml: Uint8Array | string;
  profiles: string[];
}

const sizeOf = (xml: Uint8Array | string) =>
  typeof xml === 'string' ? Buffer.byteLength(xml) : xml.byteLength;

/**
 * `checkCap` with its signatures verified, in a thread of its own when the message is large. An
 * unknown profile is refused here, before any thread, as `checkCap` refuses it.
 */
export async function checkCapAside(xml: Uint8Array | string, profiles: string[]): Promise<CapReport> {
  resolveProfiles(profiles);
  if (sizeOf(xml) <= IN_PLACE_BYTES) return checkCap(xml, { profiles, verifySignature: capSignatureCheck });
  return inThread<CapReport>(CHECK, { xml, profiles } satisfies CheckJob, 'the CAP validator');
}
