import { QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './client';
import { sessionKey } from './session';

/**
 * A 401 on any screen means the session ended elsewhere (expired, signed out everywhere); dropping
 * the session sends the user back to sign-in instead of leaving a screen of errors.
 */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({
      onError: (error, query) => {
        if (error instanceof ApiError && error.status === 401 && query.queryKey[0] !== sessionKey[0]) {
          client.setQueryData(sessionKey, null);
        }
      },
    }),
    defaultOptions: {
      queries: {
        retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
        refetchOnWindowFocus: false,
      },
    },
  });
  return client;
}
