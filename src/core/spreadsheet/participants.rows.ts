import { normaliseLabel } from './labels.js';
import { textOf, type RowIssue, type TableRow } from './rows.js';

/** Participants sheet rows → people with an exercise role, team and organisation, resolved by name. */

export interface ParticipantsSheetPlan {
  roles: readonly string[];
  teams: readonly { id: string; name: string }[];
  organisations: readonly { id: string; name: string; shortName: string | null }[];
  createTeams: boolean;
  /** Makes a new team's id (the caller creates the team when the import is written). */
  newTeam: (name: string) => string;
}

export interface ParticipantRowInput {
  name: string;
  role: string;
  teamId: string | null;
  organisationId: string | null;
  contact: string | null;
}

/** Role names in Russian and Kazakh exercise documents. */
const ROLE_WORDS: Record<string, string> = {
  руководитель: 'director',
  'руководитель учения': 'director',
  жетекші: 'director',
  посредник: 'controller',
  контролер: 'controller',
  делдал: 'controller',
  'старший посредник': 'senior-controller',
  'посредник по безопасности': 'safety-controller',
  имитатор: 'simulator',
  оценщик: 'evaluator',
  бағалаушы: 'evaluator',
  'старший оценщик': 'lead-evaluator',
  обучаемый: 'player',
  игрок: 'player',
  ойыншы: 'player',
  статист: 'actor',
  актер: 'actor',
  наблюдатель: 'observer',
  бақылаушы: 'observer',
  'доверенное лицо': 'trusted-agent',
};

export function participantRows(
  rows: readonly TableRow[],
  plan: ParticipantsSheetPlan,
  issues: RowIssue[],
): { row: number; input: ParticipantRowInput }[] {
  const teamByName = new Map(plan.teams.map((t) => [normaliseLabel(t.name), t.id]));
  const orgByName = new Map<string, string>();
  for (const o of plan.organisations) {
    orgByName.set(normaliseLabel(o.name), o.id);
    if (o.shortName) orgByName.set(normaliseLabel(o.shortName), o.id);
  }
  const out: { row: number; input: ParticipantRowInput }[] = [];
  for (const { row, cells } of rows) {
    const problems: RowIssue[] = [];
    const err = (field: string, message: string) => problems.push({ row, field, severity: 'error', message });
    const name = textOf(cells.name);
    if (!name) err('name', 'the name is empty');
    const roleText = textOf(cells.role);
    const roleKey = roleText ? normaliseLabel(roleText) : '';
    const role = plan.roles.find((r) => normaliseLabel(r) === roleKey) ?? ROLE_WORDS[roleKey] ?? null;
    if (!role) err('role', `"${roleText ?? ''}" is not an exercise role; use ${plan.roles.join(', ')}`);
    const teamText = textOf(cells.team);
    let teamId: string | null = null;
    if (teamText) {
      const key = normaliseLabel(teamText);
      teamId = teamByName.get(key) ?? null;
      if (!teamId && plan.createTeams) {
        teamId = plan.newTeam(teamText);
        teamByName.set(key, teamId);
        issues.push({
          row,
          field: 'team',
          severity: 'warning',
          message: `team "${teamText}" will be created`,
        });
      }
      if (!teamId)
        err(
          'team',
          `team "${teamText}" does not exist in this exercise (add it, or import with teams created)`,
        );
    }
    if (role === 'player' && !teamText) err('team', 'a player belongs to a team');
    const orgText = textOf(cells.organisation);
    const organisationId = orgText ? (orgByName.get(normaliseLabel(orgText)) ?? null) : null;
    if (orgText && !organisationId)
      err('organisation', `organisation "${orgText}" is not registered in Dabyl`);
    issues.push(...problems);
    if (problems.length) continue;
    out.push({
      row,
      input: { name: name!, role: role!, teamId, organisationId, contact: textOf(cells.contact) },
    });
  }
  return out;
}
