import {
  Alert,
  Badge,
  Button,
  Checkbox,
  FileInput,
  Group,
  Modal,
  NativeSelect,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  importSpreadsheet,
  SHEET_FIELDS,
  type ImportOptions,
  type ImportReport,
  type SheetKind,
} from '../../../api/spreadsheets';
import { ProblemAlert } from '../../../components/ProblemAlert';
import { STATUS } from '../../../theme';
import { ReimportChanges } from './ReimportChanges';
import { zoneName } from '../../../i18n/zones';

interface Props {
  exerciseId: string;
  kind: SheetKind;
  onClose: () => void;
}

type Mapping = Record<string, string | null>;

const PREVIEW_ROWS = 50;

/**
 * Choose a file, see what the server read (sheets, columns, every row's problems and the times in
 * the exercise's zone) on a dry run, adjust the mapping and options, and only then import: all or
 * nothing. Every change checks the file again, so what is shown is what Import will write.
 */
export function ImportWizard({ exerciseId, kind, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [sheet, setSheet] = useState<string | undefined>(undefined);
  const [mapping, setMapping] = useState<Mapping | undefined>(undefined);
  const [createTeams, setCreateTeams] = useState(false);
  const [replace, setReplace] = useState(false);
  const [removeMissing, setRemoveMissing] = useState(false);
  const [result, setResult] = useState<ImportReport | null>(null);

  const check = useMutation({
    mutationFn: (o: { file: File } & ImportOptions) => importSpreadsheet(exerciseId, kind, o.file, o),
  });
  const run = useMutation({
    mutationFn: (o: { file: File } & ImportOptions) => importSpreadsheet(exerciseId, kind, o.file, o),
    onSuccess: (report) => {
      if (report.ok && !report.dryRun) setResult(report);
      void client.invalidateQueries({ queryKey: ['exercises', exerciseId] });
    },
  });

  const recheck = (
    next: Partial<{
      file: File;
      sheet: string;
      mapping: Mapping;
      createTeams: boolean;
      replace: boolean;
      removeMissing: boolean;
    }>,
  ) => {
    const f = next.file ?? file;
    if (!f) return;
    run.reset();
    check.mutate({
      file: f,
      dryRun: true,
      sheet: 'sheet' in next ? next.sheet : sheet,
      mapping: 'mapping' in next ? next.mapping : mapping,
      createTeams: next.createTeams ?? createTeams,
      replace: next.replace ?? replace,
      removeMissing: next.removeMissing ?? removeMissing,
    });
  };

  const chooseFile = (f: File | null) => {
    setFile(f);
    setSheet(undefined);
    setMapping(undefined);
    setResult(null);
    // A removal confirmed for one file is never carried over to another.
    setRemoveMissing(false);
    check.reset();
    if (f) recheck({ file: f, sheet: undefined, mapping: undefined, removeMissing: false });
  };

  const report = run.data && !run.data.ok ? run.data : check.data;
  const currentMapping = (r: ImportReport): Mapping =>
    Object.fromEntries(r.columns.map((c) => [c.letter, c.field]));
  const fieldOptions = [
    { value: '', label: t('imports.ignore') },
    ...SHEET_FIELDS[kind].map((f) => ({ value: f, label: t(`imports.field.${kind}.${f}`) })),
  ];
  const teamsMatter = kind !== 'venues';

  return (
    <Modal
      opened
      onClose={onClose}
      title={t(`imports.title.${kind}`)}
      size="xl"
      closeButtonProps={{ 'aria-label': t('imports.close') }}
    >
      {result ? (
        <Stack>
          <Alert color={STATUS.ok} variant="outline" title={t('imports.done')} role="status">
            {result.changes
              ? t('imports.reimport.done', {
                  changed: result.changes.changed.length,
                  added: result.changes.added.length,
                  removed: result.changes.removed ? result.changes.missing.length : 0,
                  unchanged: result.changes.unchanged.length,
                })
              : t('imports.imported', { count: result.imported })}
            {result.teamsCreated.length > 0 &&
              ` ${t('imports.teamsCreated', { names: result.teamsCreated.join(', ') })}`}
          </Alert>
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('imports.close')}</Button>
          </Group>
        </Stack>
      ) : (
        <Stack>
          <FileInput
            label={t('imports.file')}
            description={t('imports.fileHint')}
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            value={file}
            onChange={chooseFile}
            clearable
            clearButtonProps={{ 'aria-label': t('imports.clearFile') }}
          />
          {check.isPending && <Text size="sm">{t('imports.checking')}</Text>}
          <ProblemAlert error={check.error ?? run.error} />
          {report && file && (
            <>
              <Group gap="md" align="flex-end" wrap="wrap">
                <NativeSelect
                  label={t('imports.sheet')}
                  value={report.sheet}
                  data={report.sheets.map((s) => ({
                    value: s.name,
                    label: t('imports.sheetOption', { name: s.name, rows: s.rows }),
                  }))}
                  onChange={(e) => {
                    const v = e.currentTarget.value;
                    setSheet(v);
                    setMapping(undefined);
                    recheck({ sheet: v, mapping: undefined });
                  }}
                />
                {teamsMatter && (
                  <Checkbox
                    label={t('imports.createTeams')}
                    checked={createTeams}
                    onChange={(e) => {
                      const v = e.currentTarget.checked;
                      setCreateTeams(v);
                      recheck({ createTeams: v });
                    }}
                  />
                )}
                {kind !== 'msel' && (
                  <Checkbox
                    label={t(`imports.replace.${kind}`)}
                    checked={replace}
                    onChange={(e) => {
                      const v = e.currentTarget.checked;
                      setReplace(v);
                      recheck({ replace: v });
                    }}
                  />
                )}
              </Group>
              <Text size="sm">{t('imports.headerRow', { row: report.headerRow, sheet: report.sheet })}</Text>
              <Table withTableBorder striped>
                <Table.Caption>{t('imports.columns')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('imports.column')}</Table.Th>
                    <Table.Th scope="col">{t('imports.heading')}</Table.Th>
                    <Table.Th scope="col">{t('imports.fieldTitle')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {report.columns.map((c) => (
                    <Table.Tr key={c.letter}>
                      <Table.Td>{c.letter}</Table.Td>
                      <Table.Th scope="row">{c.label}</Table.Th>
                      <Table.Td>
                        <NativeSelect
                          aria-label={t('imports.fieldFor', { column: c.label || c.letter })}
                          value={c.field ?? ''}
                          data={fieldOptions}
                          onChange={(e) => {
                            const v = e.currentTarget.value;
                            const next = { ...currentMapping(report), [c.letter]: v === '' ? null : v };
                            setMapping(next);
                            recheck({ mapping: next });
                          }}
                        />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Group gap="sm" wrap="wrap" aria-live="polite">
                <Text size="sm">{t('imports.rowsRead', { count: report.rowsRead })}</Text>
                <Badge color={report.errors ? STATUS.danger : STATUS.ok}>
                  {t('imports.errors', { count: report.errors })}
                </Badge>
                <Badge color={report.warnings ? STATUS.warning : STATUS.neutral}>
                  {t('imports.warnings', { count: report.warnings })}
                </Badge>
                <Text size="sm">{t('imports.zone', { zone: zoneName(report.timeZone, i18n.language) })}</Text>
              </Group>
              {report.changes && (
                <ReimportChanges
                  changes={report.changes}
                  removeMissing={removeMissing}
                  onRemoveMissing={(v) => {
                    setRemoveMissing(v);
                    recheck({ removeMissing: v });
                  }}
                />
              )}
              {report.issues.length > 0 && (
                <Table withTableBorder data-testid="import-issues">
                  <Table.Caption>{t('imports.issues')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('imports.row')}</Table.Th>
                      <Table.Th scope="col">{t('imports.severity')}</Table.Th>
                      <Table.Th scope="col">{t('imports.fieldTitle')}</Table.Th>
                      <Table.Th scope="col">{t('imports.message')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {report.issues.map((i, n) => (
                      <Table.Tr key={n}>
                        <Table.Td>{i.row ?? '—'}</Table.Td>
                        <Table.Td>
                          <Badge color={i.severity === 'error' ? STATUS.danger : STATUS.warning}>
                            {t(`imports.${i.severity}`)}
                          </Badge>
                        </Table.Td>
                        <Table.Td>{i.field ? t(`imports.field.${kind}.${i.field}`, i.field) : '—'}</Table.Td>
                        <Table.Td>{i.message}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
              {report.preview.length > 0 && <PreviewTable report={report} kind={kind} />}
              <Group justify="flex-end">
                <Button variant="default" onClick={onClose}>
                  {t('imports.cancel')}
                </Button>
                <Button
                  disabled={!report.ok || check.isPending}
                  loading={run.isPending}
                  onClick={() =>
                    run.mutate({
                      file,
                      dryRun: false,
                      sheet,
                      mapping,
                      createTeams,
                      replace,
                      removeMissing,
                    })
                  }
                >
                  {t('imports.import', { count: report.rowsRead })}
                </Button>
              </Group>
            </>
          )}
        </Stack>
      )}
    </Modal>
  );
}

const PREVIEW_COLUMNS: Record<SheetKind, readonly string[]> = {
  msel: ['outcome', 'number', 'offset', 'scheduledLocal', 'title', 'to'],
  participants: ['name', 'role', 'team'],
  venues: ['name', 'kind', 'address', 'lat', 'lon'],
};

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(String).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value as string | number | boolean);
}

/** The rows as the server read them, times in the exercise's zone, before anything is written. */
function PreviewTable({ report, kind }: { report: ImportReport; kind: SheetKind }) {
  const { t, i18n } = useTranslation();
  const columns = PREVIEW_COLUMNS[kind];
  return (
    <Table withTableBorder striped data-testid="import-preview">
      <Table.Caption>
        {t('imports.preview', {
          shown: Math.min(PREVIEW_ROWS, report.preview.length),
          total: report.preview.length,
        })}
      </Table.Caption>
      <Table.Thead>
        <Table.Tr>
          {kind === 'msel' && <Table.Th scope="col">{t('imports.row')}</Table.Th>}
          {columns.map((c) => (
            <Table.Th key={c} scope="col">
              {c === 'scheduledLocal'
                ? t('imports.timeIn', { zone: zoneName(report.timeZone, i18n.language) })
                : c === 'outcome'
                  ? t('imports.reimport.outcome')
                  : t(`imports.field.${kind}.${c}`)}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {report.preview.slice(0, PREVIEW_ROWS).map((r, n) => (
          <Table.Tr key={n}>
            {kind === 'msel' && <Table.Td>{cell(r.row)}</Table.Td>}
            {columns.map((c) => (
              <Table.Td key={c}>
                {c === 'outcome'
                  ? r.outcome
                    ? t(`imports.reimport.outcomes.${cell(r.outcome)}`)
                    : ''
                  : cell(r[c])}
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
