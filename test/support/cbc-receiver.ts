import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Ajv } from 'ajv';
import { parseCbcCentres, type CbcCentreConfig } from '../../src/config/cbc.js';
import { ALMATY_POLYGON } from '../../src/core/alert/testing.js';
import { cbPages } from '../../src/core/cellbroadcast/pages.js';
import { xsdFailures } from './cap-xsd.js';

const schema = JSON.parse(
  readFileSync(new URL('../../src/channels/cellbroadcast/ecbe.schema.json', import.meta.url), 'utf8'),
) as object;
const validateEcbe = new Ajv({ allErrors: true, strict: true }).compile(schema);

export interface CbcRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** What is wrong with it by the published schema (ECBE) or the CAP 1.2 XSD; empty when nothing. */
  problems: string[];
}

/** How the next requests are answered: normally, with a status, or never (a timeout). */
export type CbcAnswerMode = 'normal' | 'hang' | number;

export interface CbcReceiver {
  /** ECBE API base: `${base}/api/ecbe/v1`; CAP: `${base}/cap`. */
  base: string;
  requests: CbcRequest[];
  /** What the centre broadcasts now, by ECBE message_id. */
  broadcasting: Map<number, unknown>;
  answer: CbcAnswerMode;
  close(): Promise<void>;
}

/**
 * A Cell Broadcast Centre on loopback that speaks ECBE as osmo-cbc does (one message per
 * message_id: a second POST under it is 409, a DELETE of one it does not have is 404) and takes CAP
 * at /cap. Every request is checked: ECBE bodies against our JSON Schema of the published ECBE
 * schema (and each text within 15 pages), CAP against the official CAP 1.2 XSD; a request that
 * fails is answered 400 and its problems are kept for the test to read.
 */
export function cbcReceiver(): Promise<CbcReceiver> {
  const requests: CbcRequest[] = [];
  const broadcasting = new Map<number, unknown>();
  const state = { answer: 'normal' as CbcAnswerMode };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      const path = req.url ?? '';
      const r: CbcRequest = { method: req.method ?? '', path, headers: req.headers, body, problems: [] };
      requests.push(r);
      if (state.answer === 'hang') return;
      if (typeof state.answer === 'number') return void res.writeHead(state.answer).end('forced');
      const del = /^\/api\/ecbe\/v1\/message\/(\d+)$/.exec(path);
      if (req.method === 'DELETE' && del) {
        const id = Number(del[1]);
        if (!broadcasting.delete(id)) return void res.writeHead(404).end();
        return void res.writeHead(200).end('deleted');
      }
      if (req.method === 'POST' && path === '/api/ecbe/v1/message') {
        let json: unknown;
        try {
          json = JSON.parse(body);
        } catch {
          r.problems.push('not JSON');
        }
        if (json !== undefined && !validateEcbe(json))
          r.problems.push(...(validateEcbe.errors ?? []).map((e) => `${e.instancePath} ${e.message}`));
        const m = json as {
          smscb_message?: { message_id?: number; payload?: { payload_decoded?: { data_utf8?: string } } };
        };
        const text = m?.smscb_message?.payload?.payload_decoded?.data_utf8;
        if (text !== undefined && !cbPages(text).fits) r.problems.push('the text needs more than 15 pages');
        if (!req.headers['content-type']?.startsWith('application/json'))
          r.problems.push('not application/json');
        if (r.problems.length) return void res.writeHead(400).end(r.problems.join('; '));
        const id = m.smscb_message!.message_id!;
        if (broadcasting.has(id)) return void res.writeHead(409).end('already exists');
        broadcasting.set(id, json);
        return void res.writeHead(200).end('created');
      }
      if (req.method === 'POST' && path === '/cap') {
        r.problems.push(...xsdFailures([body]));
        if (!req.headers['content-type']?.startsWith('application/cap+xml'))
          r.problems.push('not application/cap+xml');
        if (r.problems.length) return void res.writeHead(400).end(r.problems.join('; '));
        return void res.writeHead(200).end();
      }
      res.writeHead(404).end();
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        requests,
        broadcasting,
        get answer() {
          return state.answer;
        },
        set answer(a: CbcAnswerMode) {
          state.answer = a;
        },
        close: async () => {
          server.closeAllConnections();
          await new Promise((done) => server.close(done));
        },
      }),
    ),
  );
}

/**
 * Three operators' centres on one receiver: ECBE for the whole country, CAP for Almaty's region
 * only, and ECBE for a region no test alert is in (it must never be called).
 */
export function threeCentres(cbc: CbcReceiver): readonly CbcCentreConfig[] {
  return parseCbcCentres(
    JSON.stringify([
      { name: 'kcell', protocol: 'ecbe', url: `${cbc.base}/api/ecbe/v1` },
      { name: 'beeline', protocol: 'cap', url: `${cbc.base}/cap`, regions: [ALMATY_POLYGON.region] },
      { name: 'astana', protocol: 'ecbe', url: `${cbc.base}/astana/api/ecbe/v1`, regions: ['KZ-11'] },
    ]),
    (p) => new Error(p),
  );
}
