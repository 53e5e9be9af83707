import { Button, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useAlerts,
  useAllClear,
  useApproveAlert,
  useCancelAlert,
  type Alert,
  type AlertLanguage,
} from '../../api/alerts';
import { useCan } from '../../auth/useSession';
import { PageTitle } from '../../components/PageTitle';
import { ProblemAlert } from '../../components/ProblemAlert';
import { QueryState } from '../../components/QueryState';
import { TableScroll } from '../../components/TableScroll';
import { Disclosure } from '../../components/Disclosure';
import { AlertSirens } from '../sirens/AlertSirens';
import { AlertComposer } from './AlertComposer';
import { AlertDeliveries } from './AlertDeliveries';
import { AlertPreview } from './AlertPreview';
import { AlertStatusBadge } from './AlertStatusBanner';
import { AlertUpdate } from './AlertUpdate';
import { SecondFactorCard } from './SecondFactorCard';

const headline = (a: Alert, lang: string) =>
  a.texts[lang as AlertLanguage]?.headline ?? a.texts.en?.headline ?? a.texts.ru?.headline ?? '—';

/** Approve (or cancel) with a code from the authenticator, or say why not. */
function CodeAction({ alert, kind }: { alert: Alert; kind: 'approve' | 'cancel' }) {
  const { t } = useTranslation();
  const approve = useApproveAlert();
  const cancel = useCancelAlert();
  const [code, setCode] = useState('');
  const [reason, setReason] = useState('');
  const [count, setCount] = useState('');
  const m = kind === 'approve' ? approve : cancel;
  // A wide area is approved only by typing how many it reaches: a slip of the map stays a slip.
  const confirmCount = kind === 'approve' && alert.coverage.wide;
  const run = () =>
    kind === 'approve'
      ? approve.mutate({ alert, totp: code, confirmReach: confirmCount ? Number(count) : undefined })
      : cancel.mutate({ alert, totp: code, reason });
  return (
    <Stack gap={4}>
      {confirmCount && (
        <TextInput
          size="xs"
          label={t('alerts.list.confirmReach')}
          description={t('alerts.list.confirmReachHint', {
            km2: alert.coverage.areaKm2,
            count: (alert.reach?.residents ?? 0) + (alert.reach?.participants ?? 0),
          })}
          value={count}
          onChange={(e) => setCount(e.currentTarget.value.replace(/\D/g, ''))}
          inputMode="numeric"
        />
      )}
      {/* The reason on a line of its own: beside the code it pushed the button out of a table
          whose alert column holds the delivery dashboard. */}
      {kind === 'cancel' && (
        <TextInput
          size="xs"
          label={t('alerts.list.reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
        />
      )}
      <Group gap="xs" align="end" wrap="nowrap">
        <TextInput
          size="xs"
          w={110}
          label={t('alerts.list.code')}
          value={code}
          onChange={(e) => setCode(e.currentTarget.value)}
          inputMode="numeric"
          autoComplete="one-time-code"
        />
        <Button size="xs" color={kind === 'cancel' ? 'red' : undefined} onClick={run} loading={m.isPending}>
          {t(`alerts.list.${kind}`)}
        </Button>
      </Group>
      <ProblemAlert error={m.error} />
    </Stack>
  );
}

/** One click for a drafter: the "all clear" Update, from its template, into the approval queue. */
function AllClearButton({ alert }: { alert: Alert }) {
  const { t } = useTranslation();
  const allClear = useAllClear();
  return (
    <Stack gap={4}>
      {/* Its Kazakh and Russian labels are longer than the actions column: wrapped, not cut. */}
      <Button
        size="xs"
        variant="outline"
        onClick={() => allClear.mutate(alert)}
        loading={allClear.isPending}
        h="auto"
        py={4}
        styles={{ label: { whiteSpace: 'normal', textAlign: 'center' } }}
      >
        {t('alerts.list.allClear')}
      </Button>
      <ProblemAlert error={allClear.error} />
    </Stack>
  );
}

function AlertsTable({ items, caption }: { items: Alert[]; caption: string }) {
  const { t, i18n } = useTranslation();
  if (items.length === 0) return <Text size="sm">{t('alerts.list.empty')}</Text>;
  return (
    <TableScroll label={caption} minWidth={900}>
      {/* Fixed columns: an opened delivery dashboard scrolls within the alert's column instead of
          widening the table until the actions are pushed off the screen. */}
      <Table striped withTableBorder fz="sm" verticalSpacing={6} layout="fixed">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={100}>{t('alerts.list.status')}</Table.Th>
            <Table.Th>{t('alerts.list.alert')}</Table.Th>
            <Table.Th w={130}>{t('alerts.list.state')}</Table.Th>
            <Table.Th w={300}>{t('alerts.list.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((a) => (
            <Table.Tr key={a.id}>
              <Table.Td>
                <AlertStatusBadge status={a.status} />
              </Table.Td>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {headline(a, i18n.language)}
                </Text>
                <Text size="xs">
                  {t(`alerts.msgType.${a.msgType}`)} · {t(`alerts.hazard.${a.hazard}`)}
                </Text>
                {a.reach && (
                  <Text size="xs" fw={600}>
                    {t('alerts.list.reach', {
                      residents: a.reach.residents,
                      participants: a.reach.participants,
                    })}
                  </Text>
                )}
                {(a.state === 'draft' || a.state === 'awaiting_approval') && (
                  <Disclosure showLabel={t('alerts.preview.show')} hideLabel={t('alerts.preview.hide')}>
                    {() => <AlertPreview alert={a} />}
                  </Disclosure>
                )}
                {a.state === 'sent' && (
                  <Disclosure showLabel={t('alerts.deliveries.show')} hideLabel={t('alerts.deliveries.hide')}>
                    {() => <AlertDeliveries alert={a} />}
                  </Disclosure>
                )}
                {a.state === 'sent' && <AlertSirens alertId={a.id} />}
                {a.signError && (
                  <Text size="xs" c="red.9" role="alert">
                    {t('alerts.list.unsigned', { reason: a.signError })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{t(`alerts.state.${a.state}`)}</Table.Td>
              <Table.Td>
                {a.actions.approve.allowed ? (
                  <CodeAction alert={a} kind="approve" />
                ) : a.state === 'awaiting_approval' && a.actions.approve.code === 'alert_own_draft' ? (
                  <Text size="xs">{t('alerts.list.ownDraft')}</Text>
                ) : a.state === 'awaiting_approval' && a.actions.approve.code === 'alert_closed' ? (
                  <Text size="xs">{t('alerts.list.closed')}</Text>
                ) : a.actions.cancel.allowed || a.actions.update.allowed ? (
                  <Stack gap="xs">
                    {a.actions.update.allowed && a.hazard !== 'all-clear' && (
                      <Group gap="xs">
                        <AlertUpdate alert={a} />
                        <AllClearButton alert={a} />
                      </Group>
                    )}
                    {a.actions.cancel.allowed && <CodeAction alert={a} kind="cancel" />}
                  </Stack>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

/** The composer, the approval queue and every alert, with the second factor that approves them. */
export function AlertsPage() {
  const { t } = useTranslation();
  const canDraft = useCan('alerts:draft');
  const canApprove = useCan('alerts:approve');
  const queue = useAlerts('awaiting_approval');
  const all = useAlerts();
  return (
    <Stack>
      <PageTitle title={t('alerts.title')} />
      <Text size="sm">{t('alerts.intro')}</Text>
      {canApprove && <SecondFactorCard />}
      {canDraft && <AlertComposer />}
      <Title order={2} size="h4">
        {t('alerts.queue.title')}
      </Title>
      <QueryState query={queue}>
        {(d) => <AlertsTable items={d.items} caption={t('alerts.queue.title')} />}
      </QueryState>
      <Title order={2} size="h4">
        {t('alerts.list.title')}
      </Title>
      <QueryState query={all}>
        {(d) => (
          <AlertsTable
            items={d.items.filter((a) => a.state !== 'awaiting_approval')}
            caption={t('alerts.list.title')}
          />
        )}
      </QueryState>
    </Stack>
  );
}
