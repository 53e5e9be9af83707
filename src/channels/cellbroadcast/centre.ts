import http from 'node:http';
import https from 'node:https';
import type { CbcCentreConfig } from '../../config/config.js';
import { ChannelError, type CellBroadcastMessage } from '../channel.js';

/** One operator's Cell Broadcast Centre, spoken to in its own protocol. */
export interface CbcAdapter {
  /** Broadcasts, replaces or stops the message; returns the ids the centre knows it by. */
  /** `attempt`: which try of the delivery this is, from 1; absent when not known. */
  send(deliveryId: string, message: CellBroadcastMessage, attempt?: number): Promise<string>;
}

/** A centre's answer: only the status and the first few hundred characters are used. */
export interface CbcAnswer {
  status: number;
  body: string;
}

const MAX_ANSWER = 16 * 1024;

/**
 * One HTTP request to a centre, with its credentials (basic from the URL's user and password, or a
 * bearer token) and a deadline. A network failure or a timeout is temporary: the CBC may be back.
 */
export function cbcRequest(
  centre: CbcCentreConfig,
  timeoutMs: number,
  method: 'POST' | 'DELETE',
  url: URL,
  body: { type: string; text: string } | null,
): Promise<CbcAnswer> {
  const headers: Record<string, string> = { 'user-agent': 'Dabyl-CBC/1' };
  if (body) {
    headers['content-type'] = body.type;
    headers['content-length'] = String(Buffer.byteLength(body.text));
  }
  if (centre.token) headers.authorization = `Bearer ${centre.token}`;
  else if (url.username)
    headers.authorization = `Basic ${Buffer.from(
      `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`,
    ).toString('base64')}`;
  const target = new URL(url);
  target.username = '';
  target.password = '';
  const client = target.protocol === 'https:' ? https : http;
  return new Promise<CbcAnswer>((resolve, reject) => {
    const req = client.request(
      target,
      { method, headers, signal: AbortSignal.timeout(timeoutMs), agent: false },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (text.length < MAX_ANSWER) text += chunk;
        });
        const done = () => resolve({ status: res.statusCode ?? 0, body: text.slice(0, MAX_ANSWER) });
        res.on('end', done);
        res.on('close', done);
        res.on('error', done);
      },
    );
    req.on('error', (err: Error & { code?: string }) => {
      if (err.name === 'TimeoutError' || err.name === 'AbortError')
        reject(new ChannelError({ reason: 'cbc_timeout', params: { centre: centre.name } }, true));
      else
        reject(
          new ChannelError(
            {
              reason: 'cbc_network',
              params: { centre: centre.name, detail: (err.code ?? err.message).slice(0, 300) },
            },
            true,
          ),
        );
    });
    req.end(body?.text);
  });
}

/**
 * The centre's verdict on a request: 2xx taken; 408, 425, 429 and 5xx later; any other answer
 * refuses the message, and trying again cannot help.
 */
export function refusal(
  centre: CbcCentreConfig,
  request: 'cap' | 'delete' | 'message',
  id: string,
  answer: CbcAnswer,
): ChannelError | null {
  const s = answer.status;
  if (s >= 200 && s < 300) return null;
  const said = answer.body.trim().replace(/\s+/g, ' ').slice(0, 200);
  const params = { centre: centre.name, answer: s, request, id, said: said ? `: ${said}` : '' };
  if (s === 408 || s === 425 || s === 429 || s >= 500)
    return new ChannelError({ reason: 'cbc_later', params }, true);
  return new ChannelError({ reason: 'cbc_refused', params }, false);
}
