import type { FastifyInstance } from 'fastify';

const LANGS = ['kk', 'ru', 'en'] as const;
type Lang = (typeof LANGS)[number];

const TEXT: Record<Lang, { title: string; lead: string; console: string }> = {
  kk: {
    title: 'Дабыл — жаттығулар мен халықты хабардар ету',
    lead: 'Мұнда жоспарланған оқу-жаттығулар туралы хабарландырулар мен ескертулер жарияланады.',
    console: 'Қызметкерлерге арналған консоль',
  },
  ru: {
    title: 'Дабыл — учения и оповещение населения',
    lead: 'Здесь публикуются уведомления о запланированных учениях и сигналы оповещения.',
    console: 'Консоль для сотрудников',
  },
  en: {
    title: 'Dabyl — exercises and public alerts',
    lead: 'Notices of planned drills and public alerts are published here.',
    console: 'Console for staff',
  },
};

/** Picks the reader's language from Accept-Language; Kazakh when nothing matches. */
export function pickLanguage(header: string | undefined): Lang {
  const wanted = (header ?? '')
    .split(',')
    .map((part) => {
      const [tag, q] = part.trim().split(';q=');
      return { lang: (tag ?? '').toLowerCase().slice(0, 2), q: q ? Number(q) : 1 };
    })
    .sort((a, b) => b.q - a.q);
  return (
    (wanted.find((w) => (LANGS as readonly string[]).includes(w.lang))?.lang as Lang | undefined) ?? 'kk'
  );
}

function page(lang: Lang): string {
  const t = TEXT[lang];
  const alternates = LANGS.map((l) => `<link rel="alternate" hreflang="${l}" href="/${l}/">`).join('');
  const switcher = LANGS.map((l) =>
    l === lang
      ? `<strong>${l.toUpperCase()}</strong>`
      : `<a href="/${l}/" lang="${l}">${l.toUpperCase()}</a>`,
  ).join(' · ');
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${t.title}</title>${alternates}<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}a{color:#0b4f8a}</style></head><body><header><nav aria-label="Language">${switcher}</nav></header><main><h1>${t.title}</h1><p>${t.lead}</p><p><a href="/console/">${t.console}</a></p></main></body></html>`;
}

/** The public site's placeholder until the notices capability fills it: one page per language. */
export function registerPortal(app: FastifyInstance): void {
  const hide = { hide: true };
  app.get('/', { config: { access: 'public' }, schema: hide }, async (request, reply) =>
    reply
      .header('vary', 'Accept-Language')
      .redirect(`/${pickLanguage(request.headers['accept-language'])}/`, 302),
  );
  for (const lang of LANGS) {
    app.get(`/${lang}/`, { config: { access: 'public' }, schema: hide }, async (_request, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'public, max-age=60, stale-while-revalidate=600')
        .send(page(lang)),
    );
  }
}
