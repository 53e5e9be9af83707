import { Button, Code, Group, Image, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBeginEnrolment, useConfirmEnrolment, useSecondFactor } from '../../api/alerts';
import { ProblemAlert } from '../../components/ProblemAlert';

/**
 * Enrolling an authenticator app: the secret is shown once, as the otpauth:// link an app opens
 * as a QR code, and in letters for typing, and confirmed by the first code. Afterwards it is never
 * shown again. The QR code is drawn here in the browser so the secret never travels as an image URL.
 */
export function SecondFactorCard() {
  const { t } = useTranslation();
  const factor = useSecondFactor();
  const begin = useBeginEnrolment();
  const confirm = useConfirmEnrolment();
  const [code, setCode] = useState('');
  const enrolment = begin.data;
  const enrolled = confirm.isSuccess || (factor.data?.enrolled === true && !enrolment);
  const qr = useQrCode(enrolment?.uri);

  return (
    <Paper withBorder p="md">
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('alerts.factor.title')}
        </Title>
        {enrolled ? (
          <Text size="sm">{t('alerts.factor.enrolled')}</Text>
        ) : enrolment ? (
          <>
            <Text size="sm">{t('alerts.factor.scan')}</Text>
            {qr && <Image src={qr} alt={t('alerts.factor.qr')} w={200} h={200} fit="contain" />}
            <Code block>{enrolment.uri}</Code>
            <Text size="sm">
              {t('alerts.factor.secret')} <Code>{enrolment.secret}</Code>
            </Text>
            <Group align="end">
              <TextInput
                label={t('alerts.factor.code')}
                value={code}
                onChange={(e) => setCode(e.currentTarget.value)}
                inputMode="numeric"
                autoComplete="one-time-code"
              />
              <Button onClick={() => confirm.mutate(code)} loading={confirm.isPending}>
                {t('alerts.factor.confirm')}
              </Button>
            </Group>
            <ProblemAlert error={confirm.error} />
          </>
        ) : (
          <>
            <Text size="sm">{t('alerts.factor.none')}</Text>
            <Group>
              <Button variant="outline" onClick={() => begin.mutate(undefined)} loading={begin.isPending}>
                {t('alerts.factor.enrol')}
              </Button>
            </Group>
            <ProblemAlert error={begin.error} />
          </>
        )}
      </Stack>
    </Paper>
  );
}

function useQrCode(text: string | undefined): string | undefined {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (!text) return setUrl(undefined);
    let live = true;
    // Medium error correction and a quiet zone of four modules: what phone cameras read reliably.
    void QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin: 4, width: 400 }).then((u) => {
      if (live) setUrl(u);
    });
    return () => {
      live = false;
    };
  }, [text]);
  return url;
}
