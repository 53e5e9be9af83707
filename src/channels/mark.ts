import { exerciseHead, exerciseTail, markLine, markText } from '../core/outbox/traffic.js';
import type { ChannelMessage } from './channel.js';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * Marks exercise and test traffic on whatever channel it takes: "EXERCISE EXERCISE EXERCISE" heads
 * every text a person reads or hears, and the exercise's name closes it. The dispatcher calls this
 * for every marked delivery, whatever its source, so no renderer can forget it.
 */
export function markMessage(
  m: ChannelMessage,
  language: string,
  exerciseName: string | null,
): ChannelMessage {
  switch (m.kind) {
    case 'email': {
      const banner = `<p style="font-weight:bold;color:#b00">${escapeHtml(exerciseHead(language))}</p>`;
      const tail = `<p style="font-weight:bold">${escapeHtml(exerciseTail(exerciseName))}</p>`;
      const html = m.html.includes('<body')
        ? m.html.replace(/<body([^>]*)>/, `<body$1>${banner}`).replace('</body>', `${tail}</body>`)
        : `${banner}${m.html}${tail}`;
      return {
        ...m,
        subject: markLine(m.subject, language),
        text: markText(m.text, language, exerciseName),
        html,
      };
    }
    case 'sms':
      return { ...m, text: markText(m.text, language, exerciseName) };
    case 'webpush':
      return { ...m, title: markLine(m.title, language), body: markText(m.body, language, exerciseName) };
    case 'inapp':
      return { ...m, title: markLine(m.title, language), body: markText(m.body, language, exerciseName) };
    case 'webhook':
      return {
        ...m,
        body: { ...m.body, exercise: true, marking: exerciseHead(language), exerciseName },
      };
    case 'siren':
      return {
        ...m,
        exercise: true,
        announcement: markText(m.announcement ?? '', language, exerciseName),
      };
    case 'cellbroadcast':
      return {
        ...m,
        pages: m.pages.map((p) => ({ ...p, text: markText(p.text, p.language, exerciseName) })),
      };
    case 'manual':
      return { ...m, script: markText(m.script, language, exerciseName) };
  }
}
