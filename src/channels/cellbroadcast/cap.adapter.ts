import { buildCap } from '../../cap/build.js';
import type { CapAlert, CapInfo } from '../../cap/model.js';
import type { CbcCentreConfig } from '../../config/config.js';
import { fitCbText } from '../../core/cellbroadcast/pages.js';
import { ChannelError, type CellBroadcastMessage } from '../channel.js';
import { cbcRequest, refusal, type CbcAdapter } from './centre.js';

const languageOf = (info: CapInfo): string => (info.language ?? 'en-US').slice(0, 2).toLowerCase();

/**
 * The CAP 1.2 message a CAP-speaking centre is posted: the alert's own message (its identifier,
 * sender, sent and references, so a retry is the same message and an Update or Cancel names what
 * the centre already has), with one info per language the centre broadcasts, whose description
 * is the broadcast text cut to 15 pages, and the category and message identifier as parameters.
 */
export function capForCentre(centre: CbcCentreConfig, message: CellBroadcastMessage): CapAlert {
  const info: CapInfo[] = [];
  for (const language of centre.languages) {
    const page = message.pages.find((p) => p.language === language);
    const source = message.cap.info.find((inf) => languageOf(inf) === language);
    if (!page?.text || !source) continue;
    info.push({
      ...source,
      description: fitCbText(page.text),
      parameter: [
        ...source.parameter.filter((p) => !p.valueName.startsWith('cellBroadcast')),
        { valueName: 'cellBroadcastCategory', value: message.category },
        {
          valueName: 'cellBroadcastMessageIdentifier',
          value: String(info.length === 0 ? message.messageId : message.additionalLanguageId),
        },
      ],
    });
  }
  return { ...message.cap, info };
}

/** The CAP message signed with the key of `organisationId` (null: the installation's); throws when it cannot be. */
export type CapSigner = (organisationId: string | null, xml: string) => string;

/**
 * CAP over HTTPS: the message is POSTed to the centre's URL as application/cap+xml, signed with the
 * alert's organisation's key as every CAP Dabyl emits. One that cannot be signed is not posted: the
 * delivery fails for good, and says why.
 */
export function capAdapter(centre: CbcCentreConfig, timeoutMs: number, sign: CapSigner): CbcAdapter {
  return {
    async send(_deliveryId, message) {
      const cap = capForCentre(centre, message);
      let text: string;
      try {
        text = sign(message.organisationId, buildCap(cap));
      } catch {
        // Why (no key installed, a key that cannot be read) is the authoriser's to see at approval,
        // where the alert itself is signed with the same key.
        throw new ChannelError({ reason: 'cbc_unsigned', params: { centre: centre.name } }, false);
      }
      const answer = await cbcRequest(centre, timeoutMs, 'POST', new URL(centre.url), {
        type: 'application/cap+xml; charset=utf-8',
        text,
      });
      const refused = refusal(centre, 'cap', cap.identifier, answer);
      if (refused) throw refused;
      return cap.identifier;
    },
  };
}
