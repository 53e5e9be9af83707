/** Building blocks for the sequence tables of read/alert.ts. */
import type { CapValuePair } from '../model.js';
import { readSequence, sequence } from './children.js';
import type { ChildSpec } from './children.js';
import { structureError, textOf } from './context.js';

type Bag = Record<string, unknown>;

/** A text element stored under its own name. */
export function text<T>(name: keyof T & string): ChildSpec<T> {
  return {
    name,
    read(target, el, path, ctx) {
      (target as Bag)[name] = textOf(el, path, ctx);
    },
  };
}

/** A repeatable text element collected into the array of the same name. */
export function texts<T>(name: keyof T & string): ChildSpec<T> {
  return {
    name,
    many: true,
    read(target, el, path, ctx) {
      ((target as Bag)[name] as string[]).push(textOf(el, path, ctx));
    },
  };
}

const INTEGER = /^\s*[+-]?\d+\s*$/;
const DECIMAL = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/;

/** An `xs:integer` (whole) or `xs:decimal` element stored as a number. */
export function number<T>(name: keyof T & string, whole: boolean): ChildSpec<T> {
  return {
    name,
    read(target, el, path, ctx) {
      const raw = textOf(el, path, ctx);
      if (!(whole ? INTEGER : DECIMAL).test(raw) || !Number.isFinite(Number(raw))) {
        structureError(ctx, path, whole ? 'xsd.integer' : 'xsd.decimal', {
          key: whole ? 'not_integer' : 'not_decimal',
          params: { element: name, value: raw },
        });
        return;
      }
      (target as Bag)[name] = Number(raw);
    },
  };
}

interface PairDraft extends CapValuePair {
  seen: number;
}

const PAIR = sequence<PairDraft>([
  {
    name: 'valueName',
    read(t, el, p, ctx) {
      t.valueName = textOf(el, p, ctx);
      t.seen |= 1;
    },
  },
  {
    name: 'value',
    read(t, el, p, ctx) {
      t.value = textOf(el, p, ctx);
      t.seen |= 2;
    },
  },
]);

/** A repeatable `valueName`/`value` element (CAP 1.1 and 1.2). */
export function pairs<T>(name: keyof T & string): ChildSpec<T> {
  return {
    name,
    many: true,
    read(target, el, path, ctx) {
      const draft: PairDraft = { valueName: '', value: '', seen: 0 };
      readSequence(el, path, draft, PAIR, ctx);
      const element = { element: name };
      if (!(draft.seen & 1))
        structureError(ctx, path, 'xsd.required', { key: 'pair_without_name', params: element });
      if (!(draft.seen & 2))
        structureError(ctx, path, 'xsd.required', { key: 'pair_without_value', params: element });
      ((target as Bag)[name] as CapValuePair[]).push({ valueName: draft.valueName, value: draft.value });
    },
  };
}

/** A repeatable `name=value` text element, CAP 1.0's form of eventCode, parameter and geocode. */
export function legacyPairs<T>(name: keyof T & string): ChildSpec<T> {
  return {
    name,
    many: true,
    read(target, el, path, ctx) {
      const raw = textOf(el, path, ctx);
      const eq = raw.indexOf('=');
      if (eq === -1) {
        structureError(ctx, path, 'cap10.value-pair', {
          key: 'legacy_pair',
          params: { element: name, value: raw },
        });
      }
      const pair =
        eq === -1 ? { valueName: raw, value: '' } : { valueName: raw.slice(0, eq), value: raw.slice(eq + 1) };
      ((target as Bag)[name] as CapValuePair[]).push(pair);
    },
  };
}
