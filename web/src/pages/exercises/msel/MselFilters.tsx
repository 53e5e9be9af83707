import { Group, NativeSelect, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DELIVERY_METHODS, type Team } from '../../../api/planningTypes';
import { parseOffset } from '../time';
import type { MselFilter } from './mselFilter';

interface Props {
  filter: MselFilter;
  teams: Team[];
  onChange: (filter: MselFilter) => void;
}

export function MselFilters({ filter, teams, onChange }: Props) {
  const { t } = useTranslation();
  const bad = (text: string) => (text && parseOffset(text) === null ? t('planning.msel.badOffset') : null);
  return (
    <Group align="flex-start" wrap="wrap" gap="sm">
      <NativeSelect
        label={t('planning.msel.filterTeam')}
        value={filter.teamId}
        data={[
          { value: '', label: t('planning.msel.allTeams') },
          ...teams.map((x) => ({ value: x.id, label: x.name })),
        ]}
        onChange={(e) => onChange({ ...filter, teamId: e.currentTarget.value })}
      />
      <NativeSelect
        label={t('planning.msel.filterMethod')}
        value={filter.method}
        data={[
          { value: '', label: t('planning.msel.allMethods') },
          ...DELIVERY_METHODS.map((m) => ({ value: m, label: t(`planning.methods.${m}`) })),
        ]}
        onChange={(e) => onChange({ ...filter, method: e.currentTarget.value })}
      />
      <TextInput
        label={t('planning.msel.filterFrom')}
        placeholder={t('planning.msel.offsetExample')}
        w="9rem"
        value={filter.from}
        error={bad(filter.from)}
        onChange={(e) => onChange({ ...filter, from: e.currentTarget.value })}
      />
      <TextInput
        label={t('planning.msel.filterTo')}
        placeholder={t('planning.msel.offsetExample')}
        w="9rem"
        value={filter.to}
        error={bad(filter.to)}
        onChange={(e) => onChange({ ...filter, to: e.currentTarget.value })}
      />
    </Group>
  );
}
