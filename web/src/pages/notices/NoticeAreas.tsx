import {
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  NOTICE_LANGUAGES,
  useExerciseZones,
  type Notice,
  type NoticeArea,
  type NoticeLanguage,
} from '../../api/notices';
import type { MapZone } from '../../map';
import { STATUS } from '../../theme';
import { LazyExerciseMap } from '../exercises/venues/LazyExerciseMap';
import { LocalTimeInput } from '../exercises/LocalTimeInput';
import { isoToLocal, localToIso } from '../exercises/time';

/** What the editor calls a place: its public name in the reader's language, else its number. */
function usePlaceLabel() {
  const { t, i18n } = useTranslation();
  return (a: NoticeArea, index: number): string => {
    const own = a.texts[i18n.language as NoticeLanguage]?.name.trim();
    const any = NOTICE_LANGUAGES.map((l) => a.texts[l]?.name.trim()).find(Boolean);
    const kind = t(a.kind === 'closure' ? 'notices.editor.closure' : 'notices.editor.area');
    return own || any || `${kind} ${index + 1}`;
  };
}

/**
 * The notice's areas and closures: shapes and windows picked from the exercise's zones, and for
 * each the words residents read, written here per language. The zone's own name never crosses over.
 */
export function AreasEditor({
  notice,
  areas,
  editable,
  onChange,
}: {
  notice: Notice;
  areas: NoticeArea[];
  editable: boolean;
  onChange: (areas: NoticeArea[]) => void;
}) {
  const { t } = useTranslation();
  const plan = useExerciseZones(notice.exerciseId);
  const label = usePlaceLabel();
  const hasExercise = notice.exerciseId !== null;
  const [pick, setPick] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const mapZones: MapZone[] = useMemo(
    () =>
      areas.map((a, i) => ({
        id: a.id,
        name: label(a, i),
        kind: a.kind === 'closure' ? 'road-closure' : 'cordon',
        geometry: a.geometry,
      })),
    [areas, label],
  );
  const available = (hasExercise ? (plan.data?.zones ?? []) : []).filter(
    (z) => !areas.some((a) => a.zoneId === z.id),
  );
  const setArea = (id: string, patch: Partial<NoticeArea>) =>
    onChange(areas.map((a) => (a.id === id ? { ...a, ...patch } : a)));
  const add = () => {
    const z = available.find((x) => x.id === pick);
    if (!z) return;
    const line = z.geometry.type === 'LineString' || z.geometry.type === 'MultiLineString';
    onChange([
      ...areas,
      {
        id: crypto.randomUUID(),
        kind: z.kind === 'road-closure' || line ? 'closure' : 'area',
        texts: {},
        geometry: z.geometry as NoticeArea['geometry'],
        startsAt: z.startsAt,
        endsAt: z.endsAt,
        zoneId: z.id,
      },
    ]);
    setPick('');
  };

  return (
    <Paper withBorder p="md">
      <Stack>
        <Title order={2} size="h4">
          {t('notices.editor.areas')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('notices.editor.placeWordsHint')}
        </Text>
        {areas.length > 0 && (
          <LazyExerciseMap
            zones={mapZones}
            selectedId={selected}
            onSelect={setSelected}
            height={360}
            label={t('notices.editor.map')}
          />
        )}
        {areas.length === 0 && <Text size="sm">{t('notices.editor.noAreas')}</Text>}
        {areas.map((a, i) => (
          <AreaCard
            key={a.id}
            area={a}
            label={label(a, i)}
            zone={notice.timeZone}
            selected={selected === a.id}
            editable={editable}
            onFocus={() => setSelected(a.id)}
            onChange={(patch) => setArea(a.id, patch)}
            onRemove={() => onChange(areas.filter((x) => x.id !== a.id))}
          />
        ))}
        {editable &&
          (hasExercise ? (
            <Group align="end">
              <NativeSelect
                label={t('notices.editor.addZone')}
                value={pick}
                onChange={(e) => setPick(e.currentTarget.value)}
                data={[
                  { value: '', label: t('notices.editor.addZonePlaceholder') },
                  ...available.map((z) => ({
                    value: z.id,
                    label: `${z.name} (${t(`planning.zoneKinds.${z.kind}`)})`,
                  })),
                ]}
              />
              <Button variant="default" disabled={!pick} onClick={add}>
                {t('notices.editor.add')}
              </Button>
            </Group>
          ) : (
            <Text size="sm" c="dimmed">
              {t('notices.editor.noExercise')}
            </Text>
          ))}
      </Stack>
    </Paper>
  );
}

function AreaCard({
  area: a,
  label,
  zone,
  selected,
  editable,
  onFocus,
  onChange,
  onRemove,
}: {
  area: NoticeArea;
  label: string;
  zone: string;
  selected: boolean;
  editable: boolean;
  onFocus: () => void;
  onChange: (patch: Partial<NoticeArea>) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const setText = (lang: NoticeLanguage, field: 'name' | 'description', value: string) => {
    const current = a.texts[lang] ?? { name: '', description: '' };
    onChange({ texts: { ...a.texts, [lang]: { ...current, [field]: value } } });
  };
  return (
    <Paper
      withBorder
      p="sm"
      bg={selected ? 'var(--mantine-color-yellow-0)' : undefined}
      onFocusCapture={onFocus}
    >
      <Stack gap="xs">
        <Group justify="space-between">
          <Group gap="xs">
            <Badge color={a.kind === 'closure' ? STATUS.danger : STATUS.warning} variant="outline">
              {t(a.kind === 'closure' ? 'notices.editor.closure' : 'notices.editor.area')}
            </Badge>
            <Text fw={600} size="sm">
              {label}
            </Text>
          </Group>
          {editable && (
            <Button
              size="xs"
              variant="subtle"
              color="red"
              aria-label={`${t('notices.editor.remove')}: ${label}`}
              onClick={onRemove}
            >
              {t('notices.editor.remove')}
            </Button>
          )}
        </Group>
        <SimpleGrid cols={{ base: 1, md: 3 }}>
          {NOTICE_LANGUAGES.map((lang) => {
            const language = t(`language.native.${lang}`);
            return (
              <Stack key={lang} gap={4}>
                <TextInput
                  size="sm"
                  label={`${t('notices.editor.placeName')} · ${language}`}
                  aria-label={`${t('notices.editor.placeName')} · ${language} — ${label}`}
                  value={a.texts[lang]?.name ?? ''}
                  readOnly={!editable}
                  maxLength={200}
                  onChange={(e) => setText(lang, 'name', e.currentTarget.value)}
                />
                <Textarea
                  size="sm"
                  autosize
                  minRows={2}
                  label={`${t(a.kind === 'closure' ? 'notices.editor.closureWords' : 'notices.editor.areaWords')} · ${language}`}
                  aria-label={`${t(a.kind === 'closure' ? 'notices.editor.closureWords' : 'notices.editor.areaWords')} · ${language} — ${label}`}
                  value={a.texts[lang]?.description ?? ''}
                  readOnly={!editable}
                  maxLength={500}
                  onChange={(e) => setText(lang, 'description', e.currentTarget.value)}
                />
              </Stack>
            );
          })}
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          {t('notices.editor.ownWindow')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <LocalTimeInput
            label={`${t('notices.editor.startsAt')} — ${label}`}
            required={false}
            value={a.startsAt ? isoToLocal(a.startsAt, zone) : ''}
            zone={zone}
            onChange={(v) => editable && onChange({ startsAt: v ? localToIso(v, zone) : null })}
          />
          <LocalTimeInput
            label={`${t('notices.editor.endsAt')} — ${label}`}
            required={false}
            value={a.endsAt ? isoToLocal(a.endsAt, zone) : ''}
            zone={zone}
            onChange={(v) => editable && onChange({ endsAt: v ? localToIso(v, zone) : null })}
          />
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
