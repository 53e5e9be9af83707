import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/http/portal/html.js';
import { renderAtom } from '../../src/http/portal/feeds/atom.js';
import { renderIcs } from '../../src/http/portal/feeds/ics.js';
import { renderHomePage } from '../../src/http/portal/pages/home.page.js';
import { renderNoticePage } from '../../src/http/portal/pages/notice.page.js';
import { buildNotice } from './fixtures.js';

const NOW = new Date('2026-11-02T00:00:00.000Z');
const XSS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "javascript:alert(1)' onfocus='x",
  '<svg onload=alert(1)>',
];

describe('home page', () => {
  it('puts a live alert first, red and saying it is not a drill, apart from drill notices', () => {
    const page = renderHomePage({
      lang: 'en',
      notices: [buildNotice()],
      alerts: [
        {
          id: 'a1',
          headline: { en: 'Flood warning for Semey' },
          instruction: { en: 'Move to higher ground' },
          sentAt: NOW.toISOString(),
          expiresAt: null,
          url: null,
          sender: null,
          verified: true,
        },
      ],
      now: NOW,
      baseUrl: '',
    });
    const main = page.slice(page.indexOf('<main'));
    const banner = main.indexOf('class="alert-banner"');
    expect(banner).toBeGreaterThan(-1);
    expect(banner).toBeLessThan(main.indexOf('<h1'));
    expect(main).toMatch(/role="alert"[\s\S]*ALERT — this is not a drill: Flood warning for Semey/);
    // A drill notice is never drawn as an alert.
    expect(main.match(/alert-banner/g)).toHaveLength(1);
    expect(main).toContain('Drill at the EXPO centre');
  });

  it('shows no banner when there is no alert, and lists upcoming drills by city', () => {
    const page = renderHomePage({ lang: 'ru', notices: [buildNotice()], alerts: [], now: NOW, baseUrl: '' });
    expect(page).not.toContain('alert-banner');
    expect(page).toMatch(/id="next"[\s\S]*Астана[\s\S]*Учения у EXPO/);
    expect(page).toMatch(/data-lon="71\.\d+"\s+data-lat="51\.\d+"/);
  });
});

describe('notice page', () => {
  it('renders nothing a person wrote as markup', () => {
    // The page with a payload is the page with a harmless token, the token replaced by the
    // payload escaped: every byte of the payload reached the page as text, nowhere as markup.
    const render = (value: string) => {
      const notice = buildNotice({ id: 'xss', slug: 'xss' });
      notice.snapshot.texts.ru = {
        title: value,
        summary: value,
        seeAndHear: value,
        doList: [value],
        dontList: [value],
        contacts: value,
      };
      notice.snapshot.areas[0]!.texts = { ru: { name: value, description: value } };
      notice.history[0]!.note = value;
      return renderNoticePage({ notice, lang: 'ru', now: NOW, baseUrl: '' });
    };
    const token = render('XSSTOKEN');
    for (const payload of XSS) {
      const page = render(payload);
      expect(page, payload).toBe(token.split('XSSTOKEN').join(escapeHtml(payload)));
      expect(page, payload).not.toMatch(/<script>|<img|<svg onload/);
    }
  });

  it('says a missing language is missing and links the languages that exist, never filling in another', () => {
    const notice = buildNotice({ slug: 'ru-only', langs: ['ru'] });
    const page = renderNoticePage({ notice, lang: 'en', now: NOW, baseUrl: '' });
    expect(page).toContain('This notice has not been published in English.');
    expect(page).toMatch(/href="\/ru\/notices\/ru-only" hreflang="ru" lang="ru"\s*>Русский: Учения у EXPO/);
    expect(page).not.toContain('Сирены');
    expect(page).not.toContain('What you will see and hear');
  });

  it('marks a cancelled notice and shows the history of corrections', () => {
    const notice = buildNotice({
      kind: 'Cancel',
      revision: 2,
      history: [
        { revision: 1, kind: 'Alert', note: null, publishedAt: '2026-10-20T06:00:00.000Z' },
        {
          revision: 2,
          kind: 'Cancel',
          note: 'Called off by the HQ',
          publishedAt: '2026-10-22T06:00:00.000Z',
        },
      ],
    });
    const page = renderNoticePage({ notice, lang: 'en', now: NOW, baseUrl: 'https://d.kz' });
    expect(page).toContain('This drill has been cancelled. It will not take place.');
    expect(page).not.toContain('This is a drill, not a real emergency');
    expect(page).toMatch(/Cancelled<\/strong>[\s\S]*revision 2[\s\S]*Called off by the HQ/);
    expect(page).toContain('<meta property="og:url" content="https://d.kz/en/notices/');
    expect(page).toMatch(/Tue, 3 November 2026, 09:00\s*–\s*14:00/);
    expect(page).toContain('Local time (Almaty, UTC+05:00)');
    expect(page).toContain(`href="/notices/${notice.id}.cap"`);
  });

  it('offers the street map only where a basemap is configured, with the areas numbered as listed', () => {
    const notice = buildNotice();
    const plain = renderNoticePage({ notice, lang: 'ru', now: NOW, baseUrl: '' });
    expect(plain).not.toContain('data-street-map');
    expect(plain).not.toContain('maplibre');
    const page = renderNoticePage({ notice, lang: 'ru', now: NOW, baseUrl: '', streetMap: true });
    // The drawing stays for print and for readers without JavaScript.
    expect(page).toContain('class="map-wide"');
    expect(page).toMatch(/<script src="\/portal\/assets\/maplibre-gl\.\w+\.js" defer><\/script>/);
    expect(page).toMatch(/<script src="\/portal\/assets\/street-map\.\w+\.js" defer><\/script>/);
    expect(page).toMatch(/<link rel="stylesheet" href="\/portal\/assets\/maplibre-gl\.\w+\.css" \/>/);
    const attribute = /data-street-map="([^"]*)"/.exec(page)![1]!;
    const data = JSON.parse(attribute.replace(/&quot;/g, '"').replace(/&amp;/g, '&')) as {
      style: string;
      label: string;
      features: { properties: { n: number; kind: string }; geometry: { type: string } }[];
      locale: Record<string, string>;
    };
    // Its place names in the page's language.
    expect(data.style).toBe('/basemap/style.json?lang=ru');
    expect(data.label).toBe('Карта улиц: Учения у EXPO');
    expect(data.features.map((f) => [f.properties.n, f.properties.kind, f.geometry.type])).toEqual(
      notice.snapshot.areas.map((a, i) => [i + 1, a.kind, a.geometry.type]),
    );
    expect(data.locale['NavigationControl.ZoomIn']).toBe('Приблизить');
    expect(data.locale['CooperativeGesturesHandler.MobileHelpText']).toBe('Перемещайте карту двумя пальцами');
  });
});

describe('feeds', () => {
  const updated = buildNotice({
    id: 'feed-1',
    revision: 2,
    kind: 'Update',
    publishedAt: '2026-10-21T06:00:00.000Z',
  });
  const cancelled = buildNotice({ id: 'feed-2', revision: 3, kind: 'Cancel' });

  it('writes well-formed Atom with a CAP link per entry', () => {
    const atom = renderAtom([updated, cancelled], 'https://d.kz/');
    execFileSync('xmllint', ['--noout', '-'], { input: atom });
    expect(atom).toContain(
      '<link rel="alternate" type="application/cap+xml" href="https://d.kz/notices/feed-1.cap"/>',
    );
    expect(atom).toContain('hreflang="kk"');
    expect(atom.match(/<entry>/g)).toHaveLength(2);
    expect(atom).toContain('<updated>2026-10-21T06:00:00.000Z</updated>');
  });

  it('writes iCalendar with the zone, stable UIDs, the revision as SEQUENCE and cancellations', () => {
    const ics = renderIcs([updated, cancelled], 'https://d.kz', 'Dabyl', NOW).replace(/\r\n /g, '');
    expect(ics).toContain('BEGIN:VTIMEZONE');
    expect(ics).toContain('TZID:Asia/Almaty');
    expect(ics).toContain('UID:notice-feed-1@dabyl');
    expect(ics).toMatch(/UID:notice-feed-1@dabyl[\s\S]*?SEQUENCE:2/);
    expect(ics).toMatch(/UID:notice-feed-2@dabyl[\s\S]*?SEQUENCE:3[\s\S]*?STATUS:CANCELLED/);
    expect(ics).toContain('DTSTART;TZID=Asia/Almaty:20261103T090000');
  });
});
