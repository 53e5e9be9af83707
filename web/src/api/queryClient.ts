import { QueryCache, QueryClient } from '@tanstack/react-query';
import i18n from '../i18n/i18n';
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

/**
 * The server words some answers in the console's language (problems, audit entries, why a delivery
 * failed): when the reader switches language, what is on screen is asked for again in the new one.
 * Returns the unsubscribe.
 */
export function refetchOnLanguageChange(client: QueryClient): () => void {
  const changed = () => void client.invalidateQueries();
  i18n.on('languageChanged', changed);
  return () => i18n.off('languageChanged', changed);
}
