import {
  Badge,
  Button,
  Checkbox,
  Code,
  FileInput,
  Group,
  Modal,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { kzRegion } from '../../../../src/cap/validate/profiles/kz-regions';
import {
  useBoundaries,
  useBoundarySets,
  useImportBoundarySet,
  useRemoveBoundarySet,
  type BoundaryLevel,
  type BoundarySet,
} from '../../api/boundaries';
import { useCan } from '../../auth/useSession';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { SubmitForm } from '../../components/SubmitForm';
import { TableScroll } from '../../components/TableScroll';
import { STATUS } from '../../theme';
import { formatInstant } from '../../components/DateTime';

type Lang = 'kk' | 'ru' | 'en';
const LEVELS: readonly BoundaryLevel[] = ['region', 'city', 'district'];
/** The properties a file's features carry, as the file spells them (not words to translate). */
const FEATURE_PROPERTIES = ['code', 'level', 'region', 'name:kk', 'name:ru', 'name:en'];

/** A set's name in words: the demo's has one in every language; an administrator's is their own. */
function useSetName() {
  const { t } = useTranslation();
  return (name: string) => t(`boundaries.setNames.${name}`, { defaultValue: name });
}

/**
 * The boundary sets the alert composer picks a region, district or city from: an administrator
 * imports a set from a GeoJSON file (replacing the set of that name whole, or nothing when the file
 * is wrong anywhere), removes one, and sees every boundary in the reader's language.
 */
export function BoundariesPage() {
  const { t } = useTranslation();
  const canManage = useCan('boundaries:manage');
  return (
    <Stack>
      <PageTitle title={t('boundaries.title')} />
      <Text>{t('boundaries.intro')}</Text>
      <SetsTable canManage={canManage} />
      {canManage && <ImportForm />}
      <BoundaryList />
    </Stack>
  );
}

function SetsTable({ canManage }: { canManage: boolean }) {
  const { t, i18n } = useTranslation();
  const sets = useBoundarySets();
  const remove = useRemoveBoundarySet();
  const setName = useSetName();
  const [confirming, setConfirming] = useState<BoundarySet | null>(null);
  return (
    <Stack gap="xs" component="section" aria-labelledby="boundary-sets-title">
      <Title order={2} id="boundary-sets-title">
        {t('boundaries.sets')}
      </Title>
      <QueryState query={sets}>
        {(data) =>
          data.items.length === 0 ? (
            <Text c="dimmed">{t('boundaries.noSets')}</Text>
          ) : (
            <TableScroll label={t('boundaries.sets')} minWidth={640}>
              <Table striped withTableBorder fz="sm" aria-labelledby="boundary-sets-title">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('boundaries.set')}</Table.Th>
                    <Table.Th scope="col">{t('boundaries.features')}</Table.Th>
                    <Table.Th scope="col">{t('boundaries.importedAt')}</Table.Th>
                    <Table.Th scope="col">{t('boundaries.importedBy')}</Table.Th>
                    {canManage && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((s) => (
                    <Table.Tr key={s.name}>
                      <Table.Th scope="row">
                        <Group gap={6}>
                          <Text size="sm" fw={600}>
                            {setName(s.name)}
                          </Text>
                          {s.approximate && (
                            <Badge color={STATUS.warning} variant="outline">
                              {t('boundaries.approximate')}
                            </Badge>
                          )}
                        </Group>
                      </Table.Th>
                      <Table.Td>{s.features}</Table.Td>
                      <Table.Td>{formatInstant(i18n.language, s.importedAt)}</Table.Td>
                      <Table.Td>{s.importedBy ?? t('boundaries.bySystem')}</Table.Td>
                      {canManage && (
                        <Table.Td>
                          <Button
                            size="compact-sm"
                            color={STATUS.danger}
                            variant="outline"
                            onClick={() => setConfirming(s)}
                            aria-label={t('boundaries.removeSet', { name: setName(s.name) })}
                          >
                            {t('boundaries.remove')}
                          </Button>
                        </Table.Td>
                      )}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          )
        }
      </QueryState>
      <ProblemAlert error={remove.error} />
      <Modal
        opened={confirming !== null}
        onClose={() => setConfirming(null)}
        title={t('boundaries.confirmTitle')}
      >
        {confirming && (
          <Stack>
            <Text>
              {t('boundaries.confirmText', {
                name: setName(confirming.name),
                count: confirming.features,
              })}
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirming(null)}>
                {t('common.cancel')}
              </Button>
              <Button
                color={STATUS.danger}
                loading={remove.isPending}
                onClick={() => remove.mutate(confirming.name, { onSettled: () => setConfirming(null) })}
              >
                {t('boundaries.confirmRemove')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}

function ImportForm() {
  const { t } = useTranslation();
  const importSet = useImportBoundarySet();
  const [name, setName] = useState('');
  const [approximate, setApproximate] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [unreadable, setUnreadable] = useState(false);
  const submit = async () => {
    if (!file) return;
    setUnreadable(false);
    importSet.reset();
    let geojson: unknown;
    try {
      geojson = JSON.parse(await file.text()) as unknown;
    } catch {
      setUnreadable(true);
      return;
    }
    importSet.mutate({ name: name.trim(), approximate, geojson }, { onSuccess: () => setFile(null) });
  };
  return (
    <SubmitForm
      legend={t('boundaries.import')}
      submitLabel={t('boundaries.importSubmit')}
      onSubmit={submit}
      mutation={importSet}
      disabled={!file}
      localProblem={unreadable ? t('boundaries.notJson') : null}
      refusedTitle={t('boundaries.refused')}
      everyProblemLabel={t('boundaries.problems')}
      result={
        importSet.data && (
          <Text role="status">
            {importSet.data.replaced === 0
              ? t('boundaries.importedNew', { count: importSet.data.features })
              : t('boundaries.imported', {
                  count: importSet.data.features,
                  replaced: importSet.data.replaced,
                })}
          </Text>
        )
      }
    >
      <Text size="sm">{t('boundaries.importHelp')}</Text>
      <Text size="sm">
        {t('boundaries.propertiesLabel')} <Code>{FEATURE_PROPERTIES.join(', ')}</Code>
      </Text>
      <TextInput
        label={t('boundaries.setName')}
        description={t('boundaries.setNameHelp')}
        required
        pattern="[a-z0-9\-]{1,60}"
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        maw={420}
      />
      <Checkbox
        label={t('boundaries.approximateLabel')}
        checked={approximate}
        onChange={(e) => setApproximate(e.currentTarget.checked)}
      />
      <FileInput
        label={t('boundaries.file')}
        accept=".geojson,.json,application/geo+json,application/json"
        required
        clearable
        value={file}
        onChange={setFile}
        maw={420}
      />
    </SubmitForm>
  );
}

function BoundaryList() {
  const { t, i18n } = useTranslation();
  const lang = (['kk', 'ru', 'en'].includes(i18n.language) ? i18n.language : 'en') as Lang;
  const [level, setLevel] = useState<BoundaryLevel | null>(null);
  const [q, setQ] = useState('');
  const boundaries = useBoundaries({ ...(level ? { level } : {}), q });
  const setName = useSetName();
  return (
    <Stack gap="xs" component="section" aria-labelledby="boundary-list-title">
      <Title order={2} id="boundary-list-title">
        {t('boundaries.list')}
      </Title>
      <Group align="flex-end">
        <Select
          label={t('boundaries.level')}
          placeholder={t('boundaries.anyLevel')}
          clearable
          data={LEVELS.map((l) => ({ value: l, label: t(`boundaries.levels.${l}`) }))}
          value={level}
          onChange={(v) => setLevel(v as BoundaryLevel | null)}
          maw={220}
        />
        <TextInput
          label={t('boundaries.search')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          maw={320}
        />
      </Group>
      <QueryState query={boundaries}>
        {(data) =>
          data.items.length === 0 ? (
            <Text c="dimmed">{t('boundaries.none')}</Text>
          ) : (
            <TableScroll label={t('boundaries.list')} minWidth={720}>
              <Table striped withTableBorder fz="sm" aria-labelledby="boundary-list-title">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('boundaries.name')}</Table.Th>
                    <Table.Th scope="col">{t('boundaries.level')}</Table.Th>
                    <Table.Th scope="col">{t('boundaries.region')}</Table.Th>
                    <Table.Th scope="col">{t('boundaries.set')}</Table.Th>
                    <Table.Th scope="col">{t('boundaries.points')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((b) => (
                    <Table.Tr key={b.id}>
                      <Table.Th scope="row">
                        <Group gap={6}>
                          <Text size="sm" fw={600}>
                            {b.names[lang]}
                          </Text>
                          {b.approximate && (
                            <Badge color={STATUS.warning} variant="outline" size="sm">
                              {t('boundaries.approximate')}
                            </Badge>
                          )}
                        </Group>
                      </Table.Th>
                      <Table.Td>{t(`boundaries.levels.${b.level}`)}</Table.Td>
                      <Table.Td>{kzRegion(b.region)?.[lang] ?? b.region}</Table.Td>
                      <Table.Td>{setName(b.set)}</Table.Td>
                      <Table.Td>{t('boundaries.pointsIn', { points: b.points, count: b.parts })}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          )
        }
      </QueryState>
    </Stack>
  );
}
