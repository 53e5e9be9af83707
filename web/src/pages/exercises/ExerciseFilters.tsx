import { Group, NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ExerciseFilter } from '../../api/exercises';
import { EXERCISE_STATUSES, type ExerciseStatus, type Programme } from '../../api/planningTypes';

interface Props {
  filter: ExerciseFilter;
  programmes: Programme[];
  onChange: (filter: ExerciseFilter) => void;
}

export function ExerciseFilters({ filter, programmes, onChange }: Props) {
  const { t } = useTranslation();
  return (
    <Group align="flex-end" wrap="wrap">
      <NativeSelect
        label={t('planning.filters.programme')}
        value={filter.programmeId ?? ''}
        data={[
          { value: '', label: t('planning.filters.allProgrammes') },
          ...programmes.map((p) => ({ value: p.id, label: p.name })),
        ]}
        onChange={(e) => onChange({ ...filter, programmeId: e.currentTarget.value || undefined })}
      />
      <NativeSelect
        label={t('planning.filters.status')}
        value={filter.status ?? ''}
        data={[
          { value: '', label: t('planning.filters.allStatuses') },
          ...EXERCISE_STATUSES.map((s) => ({ value: s, label: t(`planning.status.${s}`) })),
        ]}
        onChange={(e) =>
          onChange({ ...filter, status: (e.currentTarget.value || undefined) as ExerciseStatus | undefined })
        }
      />
    </Group>
  );
}
