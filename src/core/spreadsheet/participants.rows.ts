import type { FieldProblem, MessageParams } from '../messages/messages.js';
import { normaliseLabel } from './labels.js';
import { rowIssue, textOf, type RowIssue, type TableRow } from './rows.js';
import { EXERCISE_ROLE_WORDS, readableWords } from './words.js';

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

const ROLE_WORDS = readableWords(EXERCISE_ROLE_WORDS);

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
    const err = (field: string, problem: FieldProblem, params?: MessageParams) =>
      problems.push(rowIssue(row, field, 'error', problem, params));
    const name = textOf(cells.name);
    if (!name) err('name', 'sheet_name_empty');
    const roleText = textOf(cells.role);
    const roleKey = roleText ? normaliseLabel(roleText) : '';
    const role = plan.roles.find((r) => normaliseLabel(r) === roleKey) ?? ROLE_WORDS[roleKey] ?? null;
    if (!role)
      err('role', 'sheet_not_exercise_role', { value: roleText ?? '', allowed: plan.roles.join(', ') });
    const teamText = textOf(cells.team);
    let teamId: string | null = null;
    if (teamText) {
      const key = normaliseLabel(teamText);
      teamId = teamByName.get(key) ?? null;
      if (!teamId && plan.createTeams) {
        teamId = plan.newTeam(teamText);
        teamByName.set(key, teamId);
        issues.push(rowIssue(row, 'team', 'warning', 'sheet_team_created', { team: teamText }));
      }
      if (!teamId) err('team', 'sheet_no_such_team', { team: teamText });
    }
    if (role === 'player' && !teamText) err('team', 'player_needs_team');
    const orgText = textOf(cells.organisation);
    const organisationId = orgText ? (orgByName.get(normaliseLabel(orgText)) ?? null) : null;
    if (orgText && !organisationId)
      err('organisation', 'sheet_no_such_organisation', { organisation: orgText });
    issues.push(...problems);
    if (problems.length) continue;
    out.push({
      row,
      input: { name: name!, role: role!, teamId, organisationId, contact: textOf(cells.contact) },
    });
  }
  return out;
}
