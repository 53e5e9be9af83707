import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './client';
import {
  ALERT_STATUSES,
  HAZARDS,
  type ALERT_STATES,
  type Alert,
  type AlertDeliveries,
  type AlertPreview,
} from './contract';

/*
 * The console's view of the alert API. The shapes follow src/http/api/alerts/schema.ts, the one
 * contract; only what the screens read is typed here.
 */

const id = encodeURIComponent;
export const alertsKey = ['alerts'] as const;
export { ALERT_STATUSES, HAZARDS };
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export type Hazard = (typeof HAZARDS)[number];
export type AlertState = (typeof ALERT_STATES)[number];
export type AlertLanguage = 'kk' | 'ru' | 'en';

export interface AlertText {
  headline: string;
  description: string;
  instruction: string;
  areaDesc: string;
}

export type AlertArea =
  | { kind: 'polygon'; ring: [number, number][]; region: string }
  | { kind: 'circle'; lon: number; lat: number; radiusM: number; region: string };

export interface ActionState {
  allowed: boolean;
  code?: string;
  reason?: string;
}

export type { Alert, AlertDeliveries, AlertPreview };

export interface AlertCreate {
  status: AlertStatus;
  hazard: Hazard;
  exerciseId?: string | null;
  audience?: 'public' | 'exercise';
  area: AlertArea;
  areaNames?: Partial<Record<AlertLanguage, string>>;
  expiresAt: string;
}

export const useAlerts = (state?: AlertState) =>
  useQuery({
    queryKey: [...alertsKey, state ?? 'all'],
    queryFn: () => api.get<{ items: Alert[] }>(`/alerts${state ? `?state=${state}` : ''}`),
  });

function useAlertMutation<V>(run: (v: V) => Promise<Alert>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => qc.invalidateQueries({ queryKey: alertsKey }) });
}

export const useCreateAlert = () => useAlertMutation((body: AlertCreate) => api.post<Alert>('/alerts', body));
export const useSubmitAlert = () =>
  useAlertMutation((a: Alert) => api.post<Alert>(`/alerts/${id(a.id)}/submit`, { version: a.version }));
export const useApproveAlert = () =>
  useAlertMutation(({ alert, totp, confirmReach }: { alert: Alert; totp: string; confirmReach?: number }) =>
    api.post<Alert>(`/alerts/${id(alert.id)}/approve`, { version: alert.version, totp, confirmReach }),
  );
/** Starts an "all clear" Update from the newest issued message and puts it in the approval queue. */
export const useAllClear = () =>
  useAlertMutation(async (a: Alert) => {
    const draft = await api.post<Alert>(`/alerts/${id(a.id)}/update`, { allClear: true });
    return api.post<Alert>(`/alerts/${id(draft.id)}/submit`, { version: draft.version });
  });
export interface AlertChange {
  area: AlertArea;
  areaNames: Partial<Record<AlertLanguage, string>>;
  expiresAt: string;
}
/** Starts an Update of the newest issued message, as a draft to change. */
export const useStartUpdate = () =>
  useAlertMutation((a: Alert) => api.post<Alert>(`/alerts/${id(a.id)}/update`, {}));
/** Gives a draft its new area, names and expiry. */
export const useChangeDraft = () =>
  useAlertMutation(({ draft, change }: { draft: Alert; change: AlertChange }) =>
    api.patch<Alert>(`/alerts/${id(draft.id)}`, { version: draft.version, ...change }),
  );
export const useCancelAlert = () =>
  useAlertMutation(({ alert, totp, reason }: { alert: Alert; totp: string; reason: string }) =>
    api.post<Alert>(`/alerts/${id(alert.id)}/cancel`, { totp, reason }),
  );

export interface SecondFactor {
  enrolled: boolean;
  pending: boolean;
}
const factorKey = ['second-factor'] as const;
export const useSecondFactor = () =>
  useQuery({ queryKey: factorKey, queryFn: () => api.get<SecondFactor>('/auth/second-factor') });
export const useBeginEnrolment = () =>
  useMutation({
    mutationFn: (code?: string) =>
      api.post<{ uri: string; secret: string }>('/auth/second-factor/totp', code ? { code } : {}),
  });
export function useConfirmEnrolment() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api.post<SecondFactor>('/auth/second-factor/totp/confirm', { code }),
    onSuccess: () => qc.invalidateQueries({ queryKey: factorKey }),
  });
}

/** The delivery dashboard of an alert; the live stream refreshes it as deliveries move. */
export const useAlertDeliveries = (alertId: string) =>
  useQuery({
    queryKey: [...alertsKey, 'deliveries', alertId],
    queryFn: () => api.get<AlertDeliveries>(`/alerts/${id(alertId)}/deliveries`),
  });

/** Each channel's message per language as people would receive it; follows the alert's edits. */
export const useAlertPreview = (alert: Alert) =>
  useQuery({
    queryKey: [...alertsKey, 'preview', alert.id, alert.version],
    queryFn: () => api.get<AlertPreview>(`/alerts/${id(alert.id)}/preview`),
  });
