/**
 * Reads one `alert` element of CAP 1.0, 1.1 or 1.2 into the CAP 1.2 model. The tables below are the
 * schema's sequences; what differs between versions is spelled out where the table is chosen.
 */
import type { CapAlert, CapArea, CapInfo, CapResource, CapVersion } from '../model.js';
import type { XmlElement } from '../xml/tree.js';
import { readSequence, sequence } from './children.js';
import type { ChildSpec, Sequence } from './children.js';
import { textOf, versionNote } from './context.js';
import type { ReadContext } from './context.js';
import { legacyPairs, number, pairs, text, texts } from './specs.js';

const newArea = (): CapArea => ({ areaDesc: '', polygon: [], circle: [], geocode: [] });
const newResource = (): CapResource => ({ resourceDesc: '', mimeType: '' });
const newInfo = (): CapInfo =>
  ({
    category: [],
    event: '',
    responseType: [],
    urgency: '',
    severity: '',
    certainty: '',
    eventCode: [],
    parameter: [],
    resource: [],
    area: [],
  }) as unknown as CapInfo;

/** A repeatable complex child read with its own sequence into a fresh object. */
function nested<T, C>(name: keyof T & string, make: () => C, seq: Sequence<C>): ChildSpec<T> {
  return {
    name,
    many: true,
    read(target, el, path, ctx) {
      const child = make();
      readSequence(el, path, child, seq, ctx);
      ((target as Record<string, unknown>)[name] as C[]).push(child);
    },
  };
}

// CAP 1.0 and 1.1 still allowed "Very Likely", which 1.2 replaced by "Likely".
const certainty: ChildSpec<CapInfo> = {
  name: 'certainty',
  read(info, el, path, ctx) {
    const value = textOf(el, path, ctx);
    if (value === 'Very Likely' && ctx.version !== '1.2') {
      versionNote(ctx, path, 'cap.version.very-likely', {
        key: 'very_likely',
        params: { version: ctx.version },
      });
      info.certainty = 'Likely';
    } else {
      info.certainty = value as CapInfo['certainty'];
    }
  },
};

// CAP 1.0 carried a password in clear text; 1.1 dropped it and so does the model.
const password: ChildSpec<CapAlert> = {
  name: 'password',
  read(_alert, _el, path, ctx) {
    versionNote(ctx, path, 'cap.version.password', { key: 'password' });
  },
};

function tables(version: CapVersion): Sequence<CapAlert> {
  const legacy = version === '1.0';
  const pair = legacy ? legacyPairs : pairs;
  const area = sequence<CapArea>([
    text('areaDesc'),
    texts('polygon'),
    texts('circle'),
    pair('geocode'),
    number('altitude', false),
    number('ceiling', false),
  ]);
  const resource = sequence<CapResource>([
    text('resourceDesc'),
    text('mimeType'),
    number('size', true),
    text('uri'),
    ...(legacy ? [] : [text<CapResource>('derefUri')]),
    text('digest'),
  ]);
  const info = sequence<CapInfo>([
    text('language'),
    texts('category'),
    text('event'),
    ...(legacy ? [] : [texts<CapInfo>('responseType')]),
    text('urgency'),
    text('severity'),
    certainty,
    text('audience'),
    pair('eventCode'),
    text('effective'),
    text('onset'),
    text('expires'),
    text('senderName'),
    text('headline'),
    text('description'),
    text('instruction'),
    text('web'),
    text('contact'),
    pair('parameter'),
    nested('resource', newResource, resource),
    nested('area', newArea, area),
  ]);
  return sequence<CapAlert>(
    [
      text('identifier'),
      text('sender'),
      ...(legacy ? [password] : []),
      text('sent'),
      text('status'),
      text('msgType'),
      text('source'),
      text('scope'),
      text('restriction'),
      text('addresses'),
      texts('code'),
      text('note'),
      text('references'),
      text('incidents'),
      nested('info', newInfo, info),
    ],
    true,
  );
}

// Built once; sequences are read-only, so sharing them across documents cannot leak state.
const ALERT: Readonly<Record<CapVersion, Sequence<CapAlert>>> = {
  '1.0': tables('1.0'),
  '1.1': tables('1.1'),
  '1.2': tables('1.2'),
};

/** Reads `el` into a new alert, appending structural findings to `ctx`. */
export function readAlert(el: XmlElement, ctx: ReadContext): CapAlert {
  const alert = {
    identifier: '',
    sender: '',
    sent: '',
    status: '',
    msgType: '',
    scope: '',
    code: [],
    info: [],
  } as unknown as CapAlert;
  readSequence(el, '/alert', alert, ALERT[ctx.version], ctx);
  return alert;
}
