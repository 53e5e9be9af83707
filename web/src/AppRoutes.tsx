import { Center, Loader } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router-dom';
import { LiveEventsProvider } from './api/liveEvents';
import { useSessionQuery } from './api/session';
import { LocaleSync } from './auth/LocaleSync';
import { RequirePermission } from './auth/RequirePermission';
import { ProblemAlert } from './components/ProblemAlert';
import { AppLayout } from './layout/AppLayout';
import { AuditPage } from './pages/audit/AuditPage';
import { LessonsPage } from './pages/lessons/LessonsPage';
import { CommentsPage } from './pages/comments/CommentsPage';
import { ExercisePage } from './pages/exercises/ExercisePage';
import { ExercisesPage } from './pages/exercises/ExercisesPage';
import { HomePage } from './pages/HomePage';
import { ImprovementPage } from './pages/improvement/ImprovementPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { AlertsPage } from './pages/alerts/AlertsPage';
import { SirensPage } from './pages/sirens/SirensPage';
import { BoundariesPage } from './pages/boundaries/BoundariesPage';
import { FeedsPage } from './pages/feeds/FeedsPage';
import { NoticePage } from './pages/notices/NoticePage';
import { NoticesPage } from './pages/notices/NoticesPage';
import { PlayPage } from './pages/play/PlayPage';
import { SurveyPage } from './pages/exercises/survey/SurveyPage';
import { OrganisationsPage } from './pages/organisations/OrganisationsPage';
import { DeliveriesPage } from './pages/outbox/DeliveriesPage';
import { CataloguePage } from './pages/sharing/CataloguePage';
import { RolesPage } from './pages/roles/RolesPage';
import { SignInPage } from './pages/SignInPage';
import { TokensPage } from './pages/tokens/TokensPage';
import { UsersPage } from './pages/users/UsersPage';

const guarded = (permission: string, page: ReactNode) => (
  <RequirePermission permission={permission}>{page}</RequirePermission>
);

/** Without a session every address shows sign-in, and after it the same address opens as asked. */
export function AppRoutes() {
  const { t } = useTranslation();
  const session = useSessionQuery();

  if (session.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (session.error) {
    return (
      <Center h="100vh" p="md">
        <main>
          <ProblemAlert error={session.error} />
        </main>
      </Center>
    );
  }
  if (!session.data) return <SignInPage />;

  return (
    <LiveEventsProvider>
      <LocaleSync />
      <Routes>
        <Route element={<AppLayout />}>
          <Route index element={<HomePage />} />
          <Route path="users" element={guarded('users:read', <UsersPage />)} />
          <Route path="organisations" element={guarded('orgs:read', <OrganisationsPage />)} />
          <Route path="roles" element={guarded('roles:read', <RolesPage />)} />
          <Route path="audit" element={guarded('audit:read', <AuditPage />)} />
          <Route path="tokens" element={guarded('tokens:own', <TokensPage />)} />
          <Route path="comments" element={guarded('comments:moderate', <CommentsPage />)} />
          <Route path="exercises" element={guarded('exercises:read', <ExercisesPage />)} />
          <Route path="exercises/:exerciseId/:tab?" element={guarded('exercises:read', <ExercisePage />)} />
          <Route path="play/:exerciseId" element={guarded('exercises:play', <PlayPage />)} />
          <Route path="survey/:exerciseId" element={guarded('exercises:read', <SurveyPage />)} />
          <Route path="lessons" element={guarded('observations:read', <LessonsPage />)} />
          <Route path="catalogue" element={guarded('msel:read', <CataloguePage />)} />
          <Route path="notices" element={guarded('notices:read', <NoticesPage />)} />
          <Route path="alerts" element={guarded('alerts:read', <AlertsPage />)} />
          <Route path="sirens" element={guarded('alerts:read', <SirensPage />)} />
          <Route path="feeds" element={guarded('alerts:read', <FeedsPage />)} />
          <Route path="boundaries" element={guarded('boundaries:manage', <BoundariesPage />)} />
          <Route path="notices/:noticeId" element={guarded('notices:read', <NoticePage />)} />
          <Route path="improvement" element={guarded('improvement:read', <ImprovementPage />)} />
          <Route path="deliveries" element={guarded('outbox:manage', <DeliveriesPage />)} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </LiveEventsProvider>
  );
}
