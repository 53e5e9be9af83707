import { describe, expect, it } from 'vitest';
import { html } from './html.js';
import { renderLayout } from './layout.js';

describe('renderLayout', () => {
  const page = renderLayout({
    lang: 'ru',
    title: '<Учения>',
    path: '/notices/expo',
    body: html`<h1>${'<b>x</b>'}</h1>`,
    description: 'a "quoted" description',
    baseUrl: 'https://dabyl.example.kz/',
  });

  it('links the same page in every language, with hreflang alternates and a canonical', () => {
    for (const l of ['kk', 'ru', 'en']) {
      expect(page).toContain(
        `<link rel="alternate" hreflang="${l}" href="https://dabyl.example.kz/${l}/notices/expo" />`,
      );
    }
    expect(page).toContain('<a href="/kk/notices/expo" hreflang="kk" lang="kk">Қазақша</a>');
    expect(page).toContain('<span aria-current="page" lang="ru">Русский</span>');
    expect(page).toContain('<link rel="canonical" href="https://dabyl.example.kz/ru/notices/expo" />');
    expect(page).toMatch(/<html lang="ru">/);
  });

  it('escapes the title and description and keeps the body as given', () => {
    expect(page).toContain('<title>&lt;Учения&gt; — Дабыл</title>');
    expect(page).toContain('content="a &quot;quoted&quot; description"');
    expect(page).toContain('<h1>&lt;b&gt;x&lt;/b&gt;</h1>');
  });

  it('links the feeds, the comment policy and subscription in the footer, and a versioned stylesheet', () => {
    expect(page).toContain('href="/ru/comment-policy"');
    expect(page).toContain('href="/ru/subscribe"');
    expect(page).toContain('href="/notices.atom"');
    expect(page).toMatch(/<link rel="stylesheet" href="\/portal\/assets\/portal\.[\w]{10}\.css" \/>/);
    expect(page).not.toMatch(/<script(?![^>]*src=)/);
  });
});
