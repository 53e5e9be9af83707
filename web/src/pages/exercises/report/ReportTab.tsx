import {
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { aarCharts } from '../../../../../src/core/aar/charts';
import {
  editReport,
  exportUrl,
  finaliseReport,
  generateReport,
  reportKey,
  shareReport,
  useReportVersion,
  useReportVersions,
  type ReportVersion,
} from '../../../api/reports';
import { useCan } from '../../../auth/useSession';
import { ChartDrawing } from '../../../components/ChartDrawing';
import { QueryState } from '../../../components/QueryState';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { STATUS } from '../../../theme';

/**
 * The after-action report: draft it in one action, edit the summary, see what changed since the
 * previous version, make it final, share it with players, export it (decision 0030). Players see
 * only the final version shared with them.
 */
export function ReportTab({ exerciseId }: { exerciseId: string }) {
  const { t } = useTranslation();
  const canWrite = useCan('reports:write');
  const client = useQueryClient();
  const versions = useReportVersions(exerciseId);
  const [selected, setSelected] = useState<number | null>(null);
  const latest = versions.data?.items[0]?.version ?? null;
  const version = useReportVersion(exerciseId, selected ?? latest);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const act = async (work: () => Promise<ReportVersion>) => {
    setBusy(true);
    setError(null);
    try {
      const v = await work();
      setSelected(v.version);
      await client.invalidateQueries({ queryKey: reportKey(exerciseId) });
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('report.title')}</Title>
        {canWrite && (
          <Button onClick={() => void act(() => generateReport(exerciseId))} loading={busy}>
            {latest === null ? t('report.generate') : t('report.regenerate')}
          </Button>
        )}
      </Group>
      {busy && (
        <Group role="status">
          <Loader size="sm" />
          <Text>{t('report.working')}</Text>
        </Group>
      )}
      <ProblemAlert error={error} />
      <QueryState query={versions}>
        {(list) =>
          list.items.length === 0 ? (
            <Text>{canWrite ? t('report.none') : t('report.notShared')}</Text>
          ) : (
            <Stack>
              <Select
                label={t('report.version')}
                value={String(selected ?? latest)}
                onChange={(v) => setSelected(v ? Number(v) : null)}
                data={list.items.map((v) => ({
                  value: String(v.version),
                  label: `v${v.version} · ${t(`report.status.${v.status}`)}${v.sharedAt ? ` · ${t('report.shared')}` : ''}`,
                }))}
                allowDeselect={false}
                w={320}
              />
              <QueryState query={version}>
                {(v) => (
                  <VersionView exerciseId={exerciseId} v={v} canWrite={canWrite} act={act} busy={busy} />
                )}
              </QueryState>
            </Stack>
          )
        }
      </QueryState>
    </Stack>
  );
}

function VersionView({
  exerciseId,
  v,
  canWrite,
  act,
  busy,
}: {
  exerciseId: string;
  v: ReportVersion;
  canWrite: boolean;
  act: (work: () => Promise<ReportVersion>) => Promise<void>;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const [summary, setSummary] = useState(v.content.overview.summary);
  useEffect(() => setSummary(v.content.overview.summary), [v]);
  const charts = aarCharts(v.content, {
    timeline: t('report.timeline'),
    lanes: {
      clock: t('report.lanes.clock'),
      inject: t('report.lanes.inject'),
      observation: t('report.lanes.observation'),
    },
    perTeam: t('report.perTeam'),
    perInject: t('report.perInject'),
    timeAxis: t('report.axes.time'),
    minutes: t('report.axes.minutes'),
    teams: t('report.axes.teams'),
    // The timeline keeps the clock's command codes; the chart names them as exercise control does.
    commands: {
      ...Object.fromEntries(
        (['startex', 'pause', 'resume', 'endex', 'speed', 'jump', 'move'] as const).map((c) => [
          c,
          t(`conduct.commands.${c}`),
        ]),
      ),
      'no-play': t('conduct.noPlay.button'),
      'resume-play': t('conduct.noPlay.resume'),
    },
  });
  const c = v.content;
  return (
    <Stack>
      <Group>
        <Badge color={v.status === 'final' ? STATUS.ok : STATUS.neutral}>
          {t(`report.status.${v.status}`)}
        </Badge>
        <Text size="sm">
          {t('report.basis', {
            observations: c.basis.observations,
            injects: c.basis.injectsFired,
            events: c.basis.events,
          })}
        </Text>
      </Group>
      <Group>
        {(['docx', 'pdf', 'html'] as const).map((f) => (
          <Button
            key={f}
            component="a"
            href={exportUrl(exerciseId, v.version, f)}
            variant="default"
            size="xs"
          >
            {t(`report.export.${f}`)}
          </Button>
        ))}
        {canWrite && v.status === 'draft' && (
          <Button
            color="green"
            size="xs"
            loading={busy}
            onClick={() => void act(() => finaliseReport(exerciseId, v.version))}
          >
            {t('report.finalise')}
          </Button>
        )}
        {canWrite && v.status === 'final' && (
          <Switch
            label={t('report.share')}
            checked={v.sharedAt !== null}
            onChange={(e) => void act(() => shareReport(exerciseId, v.version, e.currentTarget.checked))}
          />
        )}
      </Group>
      {v.changes && (
        <Stack gap="xs">
          <Title order={3}>{t('report.changes', { version: v.version - 1 })}</Title>
          {v.changes.length === 0 ? (
            <Text>{t('report.noChanges')}</Text>
          ) : (
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('report.item')}</Table.Th>
                  <Table.Th>{t('report.change')}</Table.Th>
                  <Table.Th>{t('report.before')}</Table.Th>
                  <Table.Th>{t('report.after')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {v.changes.map((ch) => (
                  <Table.Tr key={`${ch.item}-${ch.change}`}>
                    <Table.Td>{t(`report.sections.${ch.section}`)}</Table.Td>
                    <Table.Td>{t(`report.changeKind.${ch.change}`)}</Table.Td>
                    <Table.Td>{ch.before}</Table.Td>
                    <Table.Td>{ch.after}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      )}
      <Title order={3}>{t('report.summary')}</Title>
      {canWrite ? (
        <Stack gap="xs">
          <Textarea
            label={t('report.summary')}
            description={v.status === 'final' ? t('report.editFinal') : undefined}
            value={summary}
            onChange={(e) => setSummary(e.currentTarget.value)}
            autosize
            minRows={3}
          />
          <Group>
            <Button
              size="xs"
              loading={busy}
              disabled={summary === c.overview.summary}
              onClick={() =>
                void act(() => editReport(exerciseId, v.version, { overview: { ...c.overview, summary } }))
              }
            >
              {t('report.saveSummary')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <Text>{c.overview.summary || '—'}</Text>
      )}
      <Title order={3}>{t('report.capabilities')}</Title>
      {c.capabilities.map((cap) => (
        <Stack key={cap.id} gap={4}>
          <Text fw={600}>{cap.name}</Text>
          <Text size="sm">
            {t('report.counts', {
              strengths: cap.strengths.length,
              afis: cap.areasForImprovement.length,
              observations: cap.observations.length,
            })}
          </Text>
        </Stack>
      ))}
      <ChartDrawing drawing={charts.timeline} />
      <ChartDrawing drawing={charts.perTeam} />
      <ChartDrawing drawing={charts.perInject} />
      <Anchor href={exportUrl(exerciseId, v.version, 'html')} target="_blank">
        {t('report.open')}
      </Anchor>
    </Stack>
  );
}
