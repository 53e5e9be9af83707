import type { Block, DocumentModel } from './model.js';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text as HTML text or attribute value: every markup character escaped, line breaks kept. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}
const lines = (text: string) => escapeHtml(text).replace(/\r?\n/g, '<br>');

function block(b: Block): string {
  switch (b.kind) {
    case 'heading':
      return `<h${b.level + 1}>${lines(b.text)}</h${b.level + 1}>`;
    case 'paragraph':
      return `<p>${lines(b.text)}</p>`;
    case 'notice':
      return `<p class="notice">${lines(b.text)}</p>`;
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${lines(i)}</li>`).join('')}</ul>`;
    case 'fields':
      return `<dl>${b.rows.map(([k, v]) => `<dt>${lines(k)}</dt><dd>${lines(v)}</dd>`).join('')}</dl>`;
    case 'figure':
      // The SVG is made by core/chart, which escapes every text it draws.
      return `<figure>${b.svg}<figcaption>${lines(b.caption)}</figcaption></figure>`;
    case 'table':
      return (
        `<table><thead><tr>${b.header.map((h) => `<th scope="col">${lines(h)}</th>`).join('')}</tr></thead>` +
        `<tbody>${b.rows.map((r) => `<tr>${r.map((c) => `<td>${lines(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`
      );
  }
}

// In print the fixed marking repeats on every page; on screen a fixed bar would cover text, so the
// top one sticks to the top while reading and the bottom one ends the document.
const STYLE = `
body{font:11pt/1.45 system-ui,"Segoe UI",Roboto,"Noto Sans",sans-serif;margin:0 auto;max-width:60rem;padding:0 1.5rem 3rem;color:#111}
.marking{text-align:center;font-weight:700;text-transform:uppercase;letter-spacing:.05em;background:#fff;padding:.3rem;color:#8b0000}
.marking.top{position:sticky;top:0;margin-bottom:2rem;border-bottom:2px solid #8b0000}.marking.bottom{margin-top:2rem;border-top:2px solid #8b0000}
h1{font-size:1.8rem;margin:.5rem 0}h2{font-size:1.35rem;border-bottom:1px solid #999;margin-top:2rem}h3{font-size:1.1rem}h4{font-size:1rem}
.audience{font-style:italic}.notice{border:2px solid #8b0000;padding:.6rem;font-weight:600}
table{border-collapse:collapse;width:100%;margin:.5rem 0;font-size:.9rem}th,td{border:1px solid #888;padding:.25rem .4rem;text-align:left;vertical-align:top}th{background:#eee}
figure{margin:1rem 0}figure svg{max-width:100%;height:auto}figcaption{font-size:.9rem;color:#344054}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0}
@media print{body{padding:2.5rem 0}.marking{position:fixed;left:0;right:0;margin:0}.marking.top{top:0}.marking.bottom{bottom:0}h2{break-after:avoid}tr{break-inside:avoid}}
`;

/** A complete, self-contained HTML page: no scripts, no external resources, every value escaped. */
export function renderHtml(doc: DocumentModel): string {
  const marking = escapeHtml(doc.marking);
  return (
    `<!doctype html>\n<html lang="${escapeHtml(doc.lang)}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(`${doc.kind}: ${doc.title}`)}</title><style>${STYLE}</style></head><body>` +
    `<div class="marking top" role="note">${marking}</div>` +
    `<header><p>${escapeHtml(doc.kind)}</p><h1>${lines(doc.title)}</h1><p>${lines(doc.subtitle)}</p>` +
    `<p class="audience">${lines(doc.audience)}</p></header><main>` +
    doc.blocks.map(block).join('\n') +
    `</main><div class="marking bottom" role="note">${marking}</div></body></html>\n`
  );
}
