import type { CbcCentreConfig } from '../../config/config.js';
import { smsEncodingOf } from '../../core/sms/segment.js';
import { fitCbText } from '../../core/cellbroadcast/pages.js';
import { ChannelError, type CellBroadcastMessage } from '../channel.js';
import { cbcRequest, refusal, type CbcAdapter } from './centre.js';

/** The serial number's message code: 10 bits made from the delivery, the same on every try. */
export function ecbeMessageCode(deliveryId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < deliveryId.length; i++) h = Math.imul(h ^ deliveryId.charCodeAt(i), 0x01000193);
  return (h >>> 0) & 0x3ff;
}

/** One ECBE `cbc_message` (POST /message), as ecbe.schema.json beside it describes it. */
export interface EcbeMessage {
  cbe_name: string;
  category: 'normal' | 'high_priority' | 'background';
  repetition_period: number;
  num_of_bcast: number;
  scope: { scope_plmn: Record<string, never> };
  smscb_message: {
    serial_nr: {
      serial_nr_decoded: { geo_scope: 'cell_wide_immediate'; msg_code: number; update_nr: number };
    };
    message_id: number;
    payload: { payload_decoded: { character_set: 'gsm' | 'ucs2'; language: string; data_utf8: string } };
  };
}

/**
 * The languages a centre broadcasts, each as one ECBE message: the first on the category's
 * identifier, the others on its additional-language identifier, each with its own serial number.
 * osmo-cbc keeps one message per identifier, so a centre is configured with at most one
 * additional language there (the default: Kazakh, then Russian).
 */
export function ecbeMessages(
  centre: CbcCentreConfig,
  deliveryId: string,
  message: CellBroadcastMessage,
): EcbeMessage[] {
  const code = ecbeMessageCode(deliveryId);
  const pages = centre.languages
    .map((language) => message.pages.find((p) => p.language === language))
    .filter((p): p is { language: string; text: string } => Boolean(p?.text));
  return pages.map((p, i) => {
    const text = fitCbText(p.text);
    return {
      cbe_name: centre.cbeName,
      category: message.category === 'exercise' ? 'normal' : 'high_priority',
      repetition_period: centre.repetitionPeriod,
      // Zero: repeated until deleted — a Cancel or the next Update stops it.
      num_of_bcast: 0,
      scope: { scope_plmn: {} },
      smscb_message: {
        serial_nr: {
          serial_nr_decoded: { geo_scope: 'cell_wide_immediate', msg_code: (code + i) & 0x3ff, update_nr: 0 },
        },
        message_id: i === 0 ? message.messageId : message.additionalLanguageId,
        payload: {
          payload_decoded: {
            character_set: smsEncodingOf(text) === 'gsm7' ? 'gsm' : 'ucs2',
            language: p.language,
            data_utf8: text,
          },
        },
      },
    };
  });
}

/**
 * The ECBE REST interface of the Osmocom CBC: POST {url}/message creates a broadcast, DELETE
 * {url}/message/{message_id} ends it. A retry re-posts the same identifier and serial number; the
 * centre answers 409 for an identifier it already broadcasts, which a retry takes as done and a
 * first try as another alert's broadcast in the way (a dead letter saying so).
 */
export function ecbeAdapter(centre: CbcCentreConfig, timeoutMs: number): CbcAdapter {
  const base = centre.url.replace(/\/+$/, '');
  return {
    async send(deliveryId, message, attempt) {
      const ids: string[] = [];
      if (message.msgType !== 'Alert')
        for (const id of new Set(message.replaces)) {
          const answer = await cbcRequest(
            centre,
            timeoutMs,
            'DELETE',
            new URL(`${base}/message/${id}`),
            null,
          );
          // 404: nothing broadcast under it any more (deleted on an earlier try, or expired).
          if (answer.status !== 404) {
            const refused = refusal(centre, 'delete', String(id), answer);
            if (refused) throw refused;
          }
          ids.push(`-${id}`);
        }
      if (message.msgType === 'Cancel') return ids.join(',') || 'cancelled';
      for (const m of ecbeMessages(centre, deliveryId, message)) {
        const id = m.smscb_message.message_id;
        const answer = await cbcRequest(centre, timeoutMs, 'POST', new URL(`${base}/message`), {
          type: 'application/json',
          text: JSON.stringify(m),
        });
        if (answer.status === 409) {
          // The centre holds one broadcast per message identifier and cannot be asked whose it is.
          // On a later try it is most likely this delivery's own earlier post, whose answer was
          // lost; on the first, it is another alert's broadcast of the same category, and taking
          // that as done would leave this alert unsent without a word.
          if (attempt === 1)
            throw new ChannelError({ reason: 'cbc_duplicate', params: { centre: centre.name, id } }, false);
        } else {
          const refused = refusal(centre, 'message', String(id), answer);
          if (refused) throw refused;
        }
        ids.push(`${id}/${m.smscb_message.serial_nr.serial_nr_decoded.msg_code}`);
      }
      return ids.join(',');
    },
  };
}
