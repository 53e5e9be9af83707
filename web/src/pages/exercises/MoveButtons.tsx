import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface Props {
  index: number;
  count: number;
  /** Read out with the buttons: many sit side by side. */
  name: string;
  onMove: (delta: -1 | 1) => void;
  disabled?: boolean;
}

/** Up and down buttons: reordering that works from the keyboard and reads well aloud. */
export function MoveButtons({ index, count, name, onMove, disabled = false }: Props) {
  const { t } = useTranslation();
  return (
    <Group gap={4} wrap="nowrap">
      <Button
        size="compact-xs"
        variant="default"
        disabled={disabled || index === 0}
        aria-label={t('planning.edit.moveUp', { name })}
        onClick={() => onMove(-1)}
      >
        ↑
      </Button>
      <Button
        size="compact-xs"
        variant="default"
        disabled={disabled || index === count - 1}
        aria-label={t('planning.edit.moveDown', { name })}
        onClick={() => onMove(1)}
      >
        ↓
      </Button>
    </Group>
  );
}
