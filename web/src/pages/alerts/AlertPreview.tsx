import { Code, Paper, SimpleGrid, Stack, Tabs, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAlertPreview, type Alert, type AlertPreview as Preview } from '../../api/alerts';
import { QueryState } from '../../components/QueryState';
import { channelName } from '../outbox/channelName';

type Item = Preview['items'][number];
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** One channel's message as its reader gets it: the text itself, and for SMS what it costs. */
function ChannelCard({ item }: { item: Item }) {
  const { t } = useTranslation();
  const m = item.message as Record<string, unknown>;
  const body =
    item.channel === 'sms'
      ? str(m.text)
      : item.channel === 'webpush'
        ? `${str(m.title)}\n${str(m.body)}`
        : item.channel === 'email'
          ? `${str(m.subject)}\n\n${str(m.text)}`
          : item.channel === 'webhook'
            ? JSON.stringify(m.body, null, 2)
            : item.channel === 'cellbroadcast'
              ? (((m.pages as { language: string; text: string }[] | undefined) ?? []).find(
                  (p) => p.language === item.language,
                )?.text ?? '')
              : [
                  t(`alerts.preview.siren.${str(m.action)}`, { defaultValue: str(m.action) }),
                  str(m.announcement),
                ]
                  .filter(Boolean)
                  .join('\n');
  return (
    <Paper withBorder p="xs">
      <Stack gap={4}>
        <Text size="sm" fw={600}>
          {channelName(t, item.channel)}
        </Text>
        <Code block style={{ whiteSpace: 'pre-wrap', maxHeight: 220, overflow: 'auto' }}>
          {body}
        </Code>
        {item.sms && (
          <Text size="xs">
            {t('alerts.preview.sms', {
              characters: item.sms.characters,
              segments: item.sms.segments,
              encoding: item.sms.encoding === 'gsm7' ? 'GSM-7' : 'UCS-2',
              remaining: item.sms.remaining,
            })}
          </Text>
        )}
        {item.cellBroadcast && (
          <Text size="xs" c={item.cellBroadcast.fits ? undefined : 'red'}>
            {t('alerts.preview.cellBroadcast', {
              pages: item.cellBroadcast.pages,
              encoding: item.cellBroadcast.encoding === 'gsm7' ? 'GSM-7' : 'UCS-2',
              perPage: item.cellBroadcast.unitsPerPage,
            })}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

/**
 * What each channel will say in each language, exactly as the outbox would hand it over — marked
 * when it is a drill — so the drafter and the authoriser see what residents will see before it goes.
 */
export function AlertPreview({ alert }: { alert: Alert }) {
  const { t } = useTranslation();
  const query = useAlertPreview(alert);
  return (
    <QueryState query={query}>
      {(preview) => (
        <Tabs defaultValue="kk">
          <Tabs.List aria-label={t('alerts.preview.title')}>
            {(['kk', 'ru', 'en'] as const).map((l) => (
              <Tabs.Tab key={l} value={l}>
                {t(`alerts.preview.lang.${l}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          {(['kk', 'ru', 'en'] as const).map((l) => (
            <Tabs.Panel key={l} value={l} pt="xs">
              <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xs">
                {preview.items
                  .filter((i) => i.language === l)
                  .map((i) => (
                    <ChannelCard key={i.channel} item={i} />
                  ))}
              </SimpleGrid>
            </Tabs.Panel>
          ))}
        </Tabs>
      )}
    </QueryState>
  );
}
