import { Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { documentUrl, type DocumentKind } from '../../api/sharing';
import { useExerciseCan } from '../exercises/ExerciseAccess';

/**
 * The exercise's documents for participants. Players and observers get the ExPlan only: the SitMan's
 * modules and the handbook's MSEL are the controllers' side (the API refuses them with 403 anyway).
 */
export function DocumentsPanel({ exerciseId }: { exerciseId: string }) {
  const { t } = useTranslation();
  const controllersSide = useExerciseCan('readControllerSide');
  const kinds: DocumentKind[] = controllersSide ? ['explan', 'sitman', 'handbook'] : ['explan'];

  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {t('sharing.documents.title')}
      </Title>
      <Text size="sm">{t('sharing.documents.intro')}</Text>
      <Table withTableBorder fz="sm" verticalSpacing={4}>
        <Table.Caption>{t('sharing.documents.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('sharing.documents.document')}</Table.Th>
            <Table.Th scope="col">{t('sharing.documents.for')}</Table.Th>
            <Table.Th scope="col">{t('common.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {kinds.map((kind) => {
            const name = t(`sharing.documents.kinds.${kind}`);
            return (
              <Table.Tr key={kind}>
                <Table.Th scope="row" fw={600}>
                  {name}
                </Table.Th>
                <Table.Td>{t(`sharing.documents.audience.${kind}`)}</Table.Td>
                <Table.Td>
                  <Group gap="xs">
                    <Button
                      component="a"
                      href={documentUrl(exerciseId, kind, 'html')}
                      target="_blank"
                      rel="noopener"
                      size="compact-sm"
                      variant="outline"
                      aria-label={t('sharing.documents.openNamed', { name })}
                    >
                      {t('sharing.documents.open')}
                    </Button>
                    <Button
                      component="a"
                      href={documentUrl(exerciseId, kind, 'docx')}
                      download
                      size="compact-sm"
                      variant="default"
                      aria-label={t('sharing.documents.downloadNamed', { name })}
                    >
                      {t('sharing.documents.download')}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
