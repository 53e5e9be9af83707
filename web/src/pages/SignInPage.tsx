import { Box, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLogin } from '../api/session';
import { ProblemAlert } from '../components/ProblemAlert';
import { LanguageSwitcher } from '../layout/LanguageSwitcher';
import classes from './SignInPage.module.css';
import { PasswordField } from '../components/PasswordField';

export function SignInPage() {
  const { t } = useTranslation();
  const login = useLogin();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');

  useEffect(() => {
    document.title = `${t('signIn.title')} · ${t('app.name')}`;
  }, [t]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ username: username.trim(), password });
  };

  return (
    <Box className={classes.page}>
      <header className={classes.bar}>
        <Text className={classes.brand}>{t('app.name')}</Text>
        <LanguageSwitcher />
      </header>
      <main className={classes.main}>
        <Paper withBorder p="lg" radius="sm" className={classes.card}>
          <form onSubmit={submit} noValidate>
            <Stack gap="sm">
              <Title order={1} size="h3">
                {t('signIn.title')}
              </Title>
              <Text size="sm">{t('app.tagline')}</Text>
              <TextInput
                label={t('signIn.username')}
                name="username"
                autoComplete="username"
                required
                value={username}
                onChange={(e) => setUsername(e.currentTarget.value)}
              />
              <PasswordField
                label={t('signIn.password')}
                name="password"
                autoComplete="current-password"
                required
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
              />
              <ProblemAlert
                error={login.error}
                title={t('signIn.failed')}
                byCode={{ wrong_credentials: t('signIn.refused') }}
              />
              <Group justify="flex-end">
                <Button type="submit" loading={login.isPending} disabled={!username || !password}>
                  {t('signIn.submit')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      </main>
    </Box>
  );
}
