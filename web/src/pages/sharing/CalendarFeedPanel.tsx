import {
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Radio,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useExercises, useProgrammes } from '../../api/exercises';
import type { Exercise } from '../../api/planningTypes';
import {
  useCreateFeedToken,
  useFeedTokens,
  useRevokeFeedToken,
  type CreatedFeedToken,
  type FeedScope,
} from '../../api/sharing';
import { DateTime } from '../../components/DateTime';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { TableScroll } from '../../components/TableScroll';
import { STATUS } from '../../theme';

/** A feed URL for calendar applications: created here, shown once, listed and revocable. */
export function CalendarFeedPanel({ exercise }: { exercise: Exercise }) {
  const { t } = useTranslation();
  const [scope, setScope] = useState<FeedScope>('exercise');
  const create = useCreateFeedToken();
  // Kept only in memory: the server stores a hash, so this is the one moment the URL exists in clear.
  const [created, setCreated] = useState<CreatedFeedToken | null>(null);
  const targetId = scope === 'programme' && exercise.programmeId ? exercise.programmeId : exercise.id;

  return (
    <Stack gap="xs">
      <Title order={2} size="h4">
        {t('sharing.calendar.title')}
      </Title>
      <Text size="sm">{t('sharing.calendar.intro')}</Text>
      {exercise.programmeId && (
        <Radio.Group
          label={t('sharing.calendar.scope')}
          value={scope}
          onChange={(v) => setScope(v === 'programme' ? 'programme' : 'exercise')}
        >
          <Group gap="md" mt={4}>
            <Radio value="exercise" label={t('sharing.calendar.scopes.exercise')} />
            <Radio value="programme" label={t('sharing.calendar.scopes.programme')} />
          </Group>
        </Radio.Group>
      )}
      <Group>
        <Button
          loading={create.isPending}
          onClick={() => create.mutate({ scope, targetId }, { onSuccess: setCreated })}
        >
          {t('sharing.calendar.create')}
        </Button>
      </Group>
      <ProblemAlert error={create.error} />
      {created && (
        <NewFeedNotice url={`${window.location.origin}${created.path}`} onDismiss={() => setCreated(null)} />
      )}
      <FeedTokensTable />
    </Stack>
  );
}

function NewFeedNotice({ url, onDismiss }: { url: string; onDismiss: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color={STATUS.warning} variant="outline" title={t('sharing.calendar.createdTitle')} role="status">
      <Stack gap="xs">
        <Text size="sm">{t('sharing.calendar.shownOnce')}</Text>
        <Code block data-testid="calendar-feed-url">
          {url}
        </Code>
        <Group gap="xs">
          <CopyButton value={url}>
            {({ copied, copy }) => (
              <Button size="compact-sm" variant="outline" onClick={copy}>
                {copied ? t('sharing.calendar.copied') : t('sharing.calendar.copy')}
              </Button>
            )}
          </CopyButton>
          <Button size="compact-sm" variant="default" onClick={onDismiss}>
            {t('sharing.calendar.dismiss')}
          </Button>
        </Group>
        <Text size="sm">{t('sharing.calendar.howTo')}</Text>
      </Stack>
    </Alert>
  );
}

function FeedTokensTable() {
  const { t } = useTranslation();
  const tokens = useFeedTokens();
  const exercises = useExercises({});
  const programmes = useProgrammes();
  const revoke = useRevokeFeedToken();
  const nameOf = (scope: FeedScope, targetId: string) =>
    (scope === 'exercise'
      ? exercises.data?.items.find((e) => e.id === targetId)?.name
      : programmes.data?.items.find((p) => p.id === targetId)?.name) ?? targetId;

  return (
    <QueryState query={tokens}>
      {(data) =>
        data.items.length === 0 ? (
          <Text size="sm">{t('sharing.calendar.none')}</Text>
        ) : (
          <>
            <ProblemAlert error={revoke.error} />
            <TableScroll label={t('sharing.calendar.caption')} minWidth={640}>
              <Table striped withTableBorder fz="sm" verticalSpacing={4}>
                <Table.Caption>{t('sharing.calendar.caption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('sharing.calendar.target')}</Table.Th>
                    <Table.Th scope="col">{t('sharing.calendar.scope')}</Table.Th>
                    <Table.Th scope="col">{t('sharing.calendar.createdAt')}</Table.Th>
                    <Table.Th scope="col">{t('common.actions')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.items.map((token) => (
                    <Table.Tr key={token.id}>
                      <Table.Th scope="row" fw={600}>
                        {nameOf(token.scope, token.targetId)}
                      </Table.Th>
                      <Table.Td>{t(`sharing.calendar.scopes.${token.scope}`)}</Table.Td>
                      <Table.Td>
                        <DateTime value={token.createdAt} />
                      </Table.Td>
                      <Table.Td>
                        {token.revokedAt ? (
                          <Badge variant="outline" color="gray">
                            {t('sharing.calendar.revoked')}
                          </Badge>
                        ) : (
                          <Button
                            size="compact-xs"
                            variant="outline"
                            color={STATUS.danger}
                            loading={revoke.isPending && revoke.variables === token.id}
                            onClick={() => revoke.mutate(token.id)}
                          >
                            {t('sharing.calendar.revoke')}
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </TableScroll>
          </>
        )
      }
    </QueryState>
  );
}
