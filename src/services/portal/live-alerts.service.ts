import { capFromJson } from '../../cap/json.js';
import type { AlertTexts } from '../../core/alert/alert.js';
import { PORTAL_LANGS, type PortalLang } from '../../http/portal/i18n.js';
import type { LiveAlert } from '../../http/portal/pages/alerts.js';
import { externalAlertRepository } from '../../store/feed.repository.js';
import type { AppContext } from '../context.js';

/**
 * The real alerts in force now, for the public site's home page: Dabyl's own Actual alerts that were
 * sent and are neither cancelled nor expired (the newest message of each thread), and, apart, the
 * Actual alerts other authorities publish in the feeds an administrator configured, each with its
 * sender. Drills never appear here: they are notices.
 */
export async function loadLiveAlerts(ctx: AppContext, now: Date): Promise<LiveAlert[]> {
  const db = ctx.db.kysely;
  const at = now.toISOString();
  const sent = await db
    .selectFrom('alerts')
    .select(['id', 'thread_id', 'sequence', 'msg_type', 'texts', 'approved_at', 'expires_at'])
    .where('status', '=', 'Actual')
    .where('state', '=', 'sent')
    .orderBy('thread_id')
    .orderBy('sequence', 'desc')
    .execute();
  const own: LiveAlert[] = [];
  const seen = new Set<string>();
  for (const m of sent) {
    if (seen.has(m.thread_id)) continue; // the newest sent message speaks for its thread
    seen.add(m.thread_id);
    if (m.msg_type === 'Cancel' || m.expires_at <= at) continue;
    const texts = JSON.parse(m.texts) as AlertTexts;
    own.push({
      id: m.thread_id,
      headline: pick(texts, (t) => t.headline),
      instruction: pick(texts, (t) => t.instruction),
      sentAt: m.approved_at ?? at,
      expiresAt: m.expires_at,
      url: null,
      sender: null,
      verified: true,
    });
  }
  const external = (await externalAlertRepository.active(db, at)).map((row): LiveAlert => {
    const cap = capFromJson(row.alert_json);
    const headline: LiveAlert['headline'] = {};
    const instruction: LiveAlert['instruction'] = {};
    for (const info of cap.info) {
      const lang = portalLanguageOf(info.language);
      if (!lang || headline[lang]) continue;
      if (info.headline) headline[lang] = info.headline;
      if (info.instruction) instruction[lang] = info.instruction;
    }
    const web = cap.info.find((i) => i.web)?.web;
    return {
      id: `${row.sender}/${row.identifier}`,
      headline,
      instruction,
      sentAt: row.sent,
      expiresAt: row.expires,
      url: web && /^https?:\/\//.test(web) ? web : null,
      sender: row.sender_name ?? cap.info.find((i) => i.senderName)?.senderName ?? row.sender,
      verified: row.verified === 1,
    };
  });
  return [...own.sort((a, b) => b.sentAt.localeCompare(a.sentAt)), ...external];
}

function pick(texts: AlertTexts, of: (t: NonNullable<AlertTexts['kk']>) => string): LiveAlert['headline'] {
  const out: LiveAlert['headline'] = {};
  for (const l of PORTAL_LANGS) {
    const t = texts[l];
    if (t && of(t)) out[l] = of(t);
  }
  return out;
}

/** kk-KZ → kk; CAP's default (no language) is en-US. */
function portalLanguageOf(tag: string | undefined): PortalLang | undefined {
  const l = (tag ?? 'en-US').slice(0, 2).toLowerCase();
  return (PORTAL_LANGS as readonly string[]).includes(l) ? (l as PortalLang) : undefined;
}
