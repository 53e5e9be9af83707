/** The console's screens, each with the permission that opens it; navigation and routes share it. */
export interface NavItem {
  path: string;
  labelKey: string;
  permission: string;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/', labelKey: 'nav.dashboard', permission: 'dashboard:read' },
  { path: '/exercises', labelKey: 'planning.nav.exercises', permission: 'exercises:read' },
  { path: '/improvement', labelKey: 'improvement.nav', permission: 'improvement:read' },
  { path: '/lessons', labelKey: 'nav.lessons', permission: 'observations:read' },
  { path: '/catalogue', labelKey: 'sharing.nav.catalogue', permission: 'msel:read' },
  { path: '/notices', labelKey: 'notices.nav', permission: 'notices:read' },
  { path: '/alerts', labelKey: 'alerts.nav', permission: 'alerts:read' },
  { path: '/sirens', labelKey: 'sirens.nav', permission: 'alerts:read' },
  { path: '/feeds', labelKey: 'feeds.nav', permission: 'alerts:read' },
  { path: '/boundaries', labelKey: 'boundaries.nav', permission: 'boundaries:manage' },
  { path: '/users', labelKey: 'nav.users', permission: 'users:read' },
  { path: '/organisations', labelKey: 'nav.organisations', permission: 'orgs:read' },
  { path: '/roles', labelKey: 'nav.roles', permission: 'roles:read' },
  { path: '/audit', labelKey: 'nav.audit', permission: 'audit:read' },
  { path: '/tokens', labelKey: 'nav.tokens', permission: 'tokens:own' },
  { path: '/deliveries', labelKey: 'outbox.nav', permission: 'outbox:manage' },
  { path: '/comments', labelKey: 'comments.nav', permission: 'comments:moderate' },
];
