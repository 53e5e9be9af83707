import { capSentence, type CapWords } from '../sentences/sentences.js';
import type { SignatureProblem, SignatureProblemKind } from './types.js';

/** A problem carrying its sentence's key and values, with the English sentence as its `message`. */
export const signatureProblem = (
  what: SignatureProblemKind,
  words: CapWords,
  path?: string,
): SignatureProblem => ({ what, message: capSentence('en', words), words, ...(path ? { path } : {}) });
