import { useEffect, useState, useSyncExternalStore } from 'react';
import { ApiError } from '../../../api/client';
import { sendObservation, type ObservationDraft } from '../../../api/observations';

/**
 * Observations waiting on this device to be sent. Each gets its id when it is written, so however
 * often it is sent (a lost answer, two tabs flushing at once, a reload mid-send) the server stores it
 * once (decision 0020). Kept in localStorage: it survives a reload and a closed tab, and photos are
 * shrunk before they are queued so a day's observations fit.
 */
export interface Queued {
  id: string;
  exerciseId: string;
  body: ObservationDraft;
  /** Set when the server refused it for good (not a dead network): shown, kept until discarded. */
  problem?: { code: string; detail: string } | undefined;
}

const KEY = 'dabyl.observations.queue';
const CHANGED = 'dabyl:observations-queue';

function read(): Queued[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(parsed) ? (parsed as Queued[]) : [];
  } catch {
    return [];
  }
}

let snapshot: Queued[] = read();

function write(next: Queued[]): void {
  localStorage.setItem(KEY, JSON.stringify(next));
  snapshot = next;
  window.dispatchEvent(new Event(CHANGED));
}

function subscribe(onChange: () => void): () => void {
  const fromOtherTab = (e: StorageEvent) => {
    if (e.key !== KEY) return;
    snapshot = read();
    onChange();
  };
  window.addEventListener(CHANGED, onChange);
  window.addEventListener('storage', fromOtherTab);
  return () => {
    window.removeEventListener(CHANGED, onChange);
    window.removeEventListener('storage', fromOtherTab);
  };
}

/** Puts an observation on the device; throws when the device has no room left (a photo too many). */
export function enqueue(item: Queued): void {
  write([...read(), item]);
}

export function discard(id: string): void {
  write(read().filter((q) => q.id !== id));
}

let flushing: Promise<number> | null = null;

/**
 * Sends what waits, oldest first. A network failure stops the round (the rest would fail too) and
 * leaves everything queued; a refusal by the server marks that one with its problem and goes on.
 * Resolves to how many were sent. One round at a time per tab.
 */
export function flush(): Promise<number> {
  if (flushing) return flushing;
  const round = sendWaiting();
  flushing = round;
  // Cleared only once the round is over: a round that ends at once must not stay "in progress".
  void round.finally(() => {
    if (flushing === round) flushing = null;
  });
  return round;
}

async function sendWaiting(): Promise<number> {
  let sent = 0;
  for (const item of read().filter((q) => !q.problem)) {
    try {
      await sendObservation(item.exerciseId, item.id, item.body);
      discard(item.id);
      sent += 1;
    } catch (err) {
      if (!(err instanceof ApiError) || err.status >= 500 || err.status === 401) break;
      write(
        read().map((q) => (q.id === item.id ? { ...q, problem: { code: err.code, detail: err.detail } } : q)),
      );
    }
  }
  return sent;
}

/** The observations of one exercise waiting on this device, live. */
export function useQueued(exerciseId: string): Queued[] {
  const all = useSyncExternalStore(subscribe, () => snapshot);
  return all.filter((q) => q.exerciseId === exerciseId);
}

/**
 * Sends the queue when the network comes back, when the screen opens, and every half minute while
 * something waits (a phone's "online" event is not always told). Reports when something was sent.
 */
export function useQueueSender(onSent: () => void): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  const waiting = useSyncExternalStore(subscribe, () => snapshot).some((q) => !q.problem);
  useEffect(() => {
    const send = () => void flush().then((n) => n > 0 && onSent());
    const up = () => {
      setOnline(true);
      send();
    };
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    send();
    const timer = waiting ? setInterval(send, 30_000) : undefined;
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
      if (timer) clearInterval(timer);
    };
  }, [onSent, waiting]);
  return online;
}
