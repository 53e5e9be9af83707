import { AppShell, Burger, Group, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router-dom';
import { AccountMenu } from './AccountMenu';
import { LanguageSwitcher } from './LanguageSwitcher';
import { NavMenu } from './NavMenu';
import classes from './AppLayout.module.css';

export function AppLayout() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();

  return (
    <AppShell
      header={{ height: 48 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <a href="#main" className={classes.skip}>
        {t('nav.skip')}
      </a>
      <AppShell.Header className={classes.header}>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              color="white"
              aria-label={t('nav.toggle')}
            />
            <Text className={classes.brand}>{t('app.name')}</Text>
            <Text size="sm" visibleFrom="md" className={classes.tagline}>
              {t('app.tagline')}
            </Text>
          </Group>
          <Group gap="md" wrap="nowrap">
            <LanguageSwitcher visibleFrom="sm" />
            <AccountMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('nav.label')}>
        <AppShell.Section grow>
          <NavMenu onNavigate={close} />
        </AppShell.Section>
        {/* A phone's header has no room for three language names; the opened menu has. */}
        <AppShell.Section hiddenFrom="sm" pt="sm" className={classes.navLanguages}>
          <LanguageSwitcher />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1} className={classes.main}>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
