/**
 * A document as a list of blocks, built from the plan by one function per kind (ExPlan, SitMan,
 * handbook) and written out by one renderer per format (HTML, DOCX). Builders decide *what* a reader
 * may see; renderers only decide how it looks, and escape everything they are given.
 */
export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string }
  /** A boxed, emphasised paragraph: safety rules, "this is an exercise". */
  | { kind: 'notice'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'fields'; rows: [label: string, value: string][] }
  | { kind: 'table'; header: string[]; rows: string[][] }
  /** A chart: SVG where the reader draws it, the same picture as PNG pixels where it may not. */
  | { kind: 'figure'; caption: string; svg: string; png: { data: Buffer; width: number; height: number } };

export interface DocumentModel {
  /** "Exercise Plan (ExPlan)" */
  kind: string;
  title: string;
  subtitle: string;
  /** The handling marking printed at the top and bottom of every page. */
  marking: string;
  /** Who may hold the document, printed under the title. */
  audience: string;
  /** The language of the fixed text (BCP 47), and "Page … of …" in it. */
  lang: string;
  /** Who wrote the file, in the document's language: the product's name. */
  author: string;
  pageOf: [page: string, of: string];
  blocks: Block[];
}

export const DOCUMENT_KINDS = ['explan', 'sitman', 'handbook'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const DOCUMENT_FORMATS = ['html', 'docx'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** The marking of an exercise's documents; without one set, the cautious default in the document's language. */
export const markingOf = (handling: string | null, fallback: string): string => handling ?? fallback;
