import { useQuery } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import type { AarContentSchema, ChangeSchema, VersionSummarySchema } from '../../../src/http/api/aar/schema';
import { api } from './client';
import type { Items } from './types';

/** The shapes come from the API's own schemas, so the console cannot drift from the server. */
export type AarContent = Static<typeof AarContentSchema>;
export type VersionSummary = Static<typeof VersionSummarySchema>;
export type ReportVersion = VersionSummary & {
  content: AarContent;
  changes: Static<typeof ChangeSchema>[] | null;
};

export const reportKey = (exerciseId: string) => ['report', exerciseId] as const;
const base = (exerciseId: string) => `/exercises/${exerciseId}/report`;

export const useReportVersions = (exerciseId: string) =>
  useQuery({
    queryKey: [...reportKey(exerciseId), 'versions'],
    queryFn: () => api.get<Items<VersionSummary>>(`${base(exerciseId)}/versions`),
  });

export const useReportVersion = (exerciseId: string, version: number | null) =>
  useQuery({
    queryKey: [...reportKey(exerciseId), 'version', version],
    queryFn: () => api.get<ReportVersion>(`${base(exerciseId)}/versions/${version}`),
    enabled: version !== null,
  });

export const generateReport = (exerciseId: string) => api.post<ReportVersion>(`${base(exerciseId)}/versions`);
export const editReport = (exerciseId: string, version: number, sections: Partial<AarContent>) =>
  api.patch<ReportVersion>(`${base(exerciseId)}/versions/${version}`, { sections });
export const finaliseReport = (exerciseId: string, version: number) =>
  api.post<ReportVersion>(`${base(exerciseId)}/versions/${version}/finalise`);
export const shareReport = (exerciseId: string, version: number, shared: boolean) =>
  api.post<ReportVersion>(`${base(exerciseId)}/versions/${version}/share`, { shared });
export const exportUrl = (exerciseId: string, version: number, format: 'docx' | 'pdf' | 'html') =>
  `/api/v1${base(exerciseId)}/export?format=${format}&version=${version}`;
