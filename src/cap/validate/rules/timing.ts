/** Times that are legal but suspicious, and the note that exercises and errors should carry. */
import { parseCapDateTime } from '../../datetime.js';
import type { CapRule } from '../rule.js';
import { eachInfo } from '../walk.js';

/** How far ahead of the validator's clock a sent time may be before it looks wrong. */
const CLOCK_SKEW_MS = 60_000;

export const startsAfterExpiry: CapRule = {
  id: 'cap.time.after-expires',
  severity: 'warning',
  description: 'onset and effective are not later than expires.',
  check({ alert }, report) {
    eachInfo(alert, (info, p) => {
      const expires = info.expires && parseCapDateTime(info.expires);
      if (!expires) return;
      for (const name of ['effective', 'onset'] as const) {
        const t = info[name] && parseCapDateTime(info[name]!);
        if (t && t > expires)
          report(`${p}/${name}`, 'rule_after_expires', {
            element: name,
            value: info[name]!,
            expires: info.expires!,
          });
      }
    });
  },
};

export const sentInFuture: CapRule = {
  id: 'cap.sent.future',
  severity: 'warning',
  description: "sent is not in the future by the validator's clock.",
  check({ alert, now }, report) {
    const sent = parseCapDateTime(alert.sent);
    if (sent && sent.getTime() > now.getTime() + CLOCK_SKEW_MS) {
      report('/alert/sent', 'rule_sent_future', { sent: alert.sent });
    }
  },
};

export const noteOnExerciseOrError: CapRule = {
  id: 'cap.note.missing',
  severity: 'warning',
  description: 'Exercise messages say which exercise in note; Error messages explain the error there.',
  check({ alert }, report) {
    if ((alert.note ?? '').trim() !== '') return;
    if (alert.status === 'Exercise') report('/alert/note', 'rule_note_exercise', { msgStatus: alert.status });
    if (alert.msgType === 'Error') report('/alert/note', 'rule_note_error', { msgType: alert.msgType });
  },
};
