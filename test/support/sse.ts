import { expect, vi } from 'vitest';

export interface SseFrame {
  id: string | null;
  event: string;
  data: string;
}

export interface SseReader {
  status: number;
  frames: SseFrame[];
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  /** Waits until `count` frames (heartbeats aside) have arrived. */
  waitFor(count: number): Promise<SseFrame[]>;
  close(): void;
}

/** Reads a text/event-stream as a browser's EventSource would, keeping every frame. */
export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseReader> {
  const abort = new AbortController();
  const res = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: abort.signal,
  });
  const frames: SseFrame[] = [];
  let ended: Promise<void> = Promise.resolve();
  if (res.ok && res.body) {
    const body = res.body.pipeThrough(new TextDecoderStream()).getReader();
    ended = (async () => {
      let buffer = '';
      try {
        for (;;) {
          const { done, value } = await body.read();
          if (done) break;
          buffer += value;
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            const frame: SseFrame = { id: null, event: 'message', data: '' };
            let hasData = false;
            for (const line of block.split('\n')) {
              const m = /^([a-z]+): ?(.*)$/.exec(line);
              if (!m) continue;
              if (m[1] === 'id') frame.id = m[2]!;
              if (m[1] === 'event') frame.event = m[2]!;
              if (m[1] === 'data') {
                frame.data += m[2]!;
                hasData = true;
              }
            }
            if (hasData) frames.push(frame);
          }
        }
      } catch (err) {
        if ((err as Error).name !== 'AbortError') throw err;
      }
    })();
  }
  return {
    status: res.status,
    frames,
    ended,
    async waitFor(count) {
      await vi.waitFor(() => expect(frames.length).toBeGreaterThanOrEqual(count), {
        timeout: 15_000,
        interval: 20,
      });
      return frames;
    },
    close: () => abort.abort(),
  };
}
