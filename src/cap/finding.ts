import { capSentence, type CapWords } from './sentences/sentences.js';

/** How serious a finding is: an error makes the message invalid; a warning or info never does. */
export type CapSeverity = 'error' | 'warning' | 'info';

/**
 * One problem found in a message: where (`/alert/info[0]/area[1]/polygon[0]`), how serious, which rule
 * (a stable id such as `cap.polygon.closed`), and a sentence a person understands.
 */
export interface CapFinding {
  path: string;
  severity: CapSeverity;
  rule: string;
  message: string;
  /** The sentence's key and values, where the reader gave them, to word it in another language. */
  words?: CapWords;
}

/** A finding worded in English for scripts and logs, carrying its words for every other reader. */
export const capFinding = (
  path: string,
  severity: CapSeverity,
  rule: string,
  words: CapWords,
): CapFinding => ({ path, severity, rule, message: capSentence('en', words), words });
