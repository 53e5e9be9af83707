import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { createContext, createElement, useContext, useEffect, useState, type ReactNode } from 'react';
import { sessionKey } from './session';

export type LiveState = 'connecting' | 'live' | 'reconnecting';

/**
 * Which cached queries each event type concerns. The event says only that something changed; the
 * screen reads the change through its usual query, so what it shows never depends on the stream.
 */
const CONCERNS: Record<string, QueryKey[]> = {
  'comment.posted': [['comments']],
  'comment.moderated': [['comments']],
  'outbox.changed': [['outbox']],
  // A clock command also moves the exercise's status (running, paused, ended).
  'clock.changed': [['conduct'], ['exercises']],
  'inject.changed': [['conduct']],
  // NO PLAY shows on every screen of the exercise (its banner reads the exercise itself).
  'no_play.changed': [['conduct'], ['exercises']],
  'alert.changed': [['alerts']],
  'alert.deliveries': [['alerts', 'deliveries']],
  // The control room's map shows where observations came from.
  'observation.recorded': [['observations'], ['evaluation'], ['conduct']],
  'rating.recorded': [['evaluation']],
  // A player's own inbox: the player view lives under the exercise's key.
  'inbox.changed': [['exercises']],
  'inject.progress': [['conduct']],
  'comm_check.changed': [['conduct']],
  'manual.prompted': [['conduct']],
};

const LiveContext = createContext<LiveState>('connecting');

/** How the live stream is doing, for the "live" / "reconnecting" indicator. */
export const useLiveState = (): LiveState => useContext(LiveContext);

/**
 * One EventSource per signed-in console tab (GET /api/v1/events). The browser reconnects by itself
 * and sends Last-Event-ID, so nothing is missed across a drop; a `reset` (the tab was away longer
 * than the server keeps events) refreshes everything. If the server refuses the stream outright
 * (the session ended), the session is asked again, which returns the tab to sign-in.
 */
export function LiveEventsProvider({ children }: { children: ReactNode }) {
  const client = useQueryClient();
  const [state, setState] = useState<LiveState>('connecting');

  useEffect(() => {
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    // The browser resends Last-Event-ID only within one EventSource; a new one resumes with ?after=.
    let lastId = '';
    const open = () => {
      source = new EventSource(`/api/v1/events${lastId ? `?after=${encodeURIComponent(lastId)}` : ''}`);
      source.onopen = () => setState('live');
      source.onerror = () => {
        setState('reconnecting');
        if (source?.readyState === EventSource.CLOSED) {
          source = null;
          void client.invalidateQueries({ queryKey: sessionKey });
          retry = setTimeout(open, 5000);
        }
      };
      for (const [type, keys] of Object.entries(CONCERNS))
        source.addEventListener(type, (e) => {
          lastId = e.lastEventId;
          for (const queryKey of keys) void client.invalidateQueries({ queryKey });
        });
      source.addEventListener('reset', (e) => {
        lastId = e.lastEventId;
        void client.invalidateQueries();
      });
    };
    open();
    return () => {
      clearTimeout(retry);
      source?.close();
    };
  }, [client]);

  return createElement(LiveContext.Provider, { value: state }, children);
}
