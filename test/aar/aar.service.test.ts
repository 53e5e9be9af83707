/**
 * The after-action report's versions on SQLite and PostgreSQL: one action drafts it from the data;
 * a regeneration after a new observation shows what changed and keeps the sections edited by hand;
 * a final version is never overwritten (an edit makes a new version); finalising and sharing are
 * audited; players read only the final version shared with them; once the hot-wash survey is
 * answered, a new draft cites its answers summarised per role and question, never who gave them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/policy/policy.js';
import {
  editSections,
  exportReport,
  finaliseReport,
  generateReport,
  getVersion,
  listVersions,
  shareReport,
} from '../../src/services/aar/aar.service.js';
import { clockCommand } from '../../src/services/conduct/clock.service.js';
import { SYSTEM_ACTOR, type AppContext } from '../../src/services/context.js';
import { answerSurvey } from '../../src/services/survey/survey.service.js';
import { createUser } from '../../src/services/users.service.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';
import { buildReportExercise, director, directorInfo, evaluator, type ReportFixture } from './fixture.js';

const player: Actor = { userId: 'u-p', grants: [{ role: 'player', organisationId: null, exerciseId: null }] };
const elsewhere: Actor = {
  userId: 'u-x',
  grants: [{ role: 'director', organisationId: 'org-elsewhere', exerciseId: null }],
};

describe.each(ENGINES)('the after-action report on %s', (engine) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let fx: ReportFixture;

  beforeAll(async () => {
    const rt = await openTestRuntime(engine);
    ctx = rt.ctx;
    drop = rt.drop;
    fx = await buildReportExercise(ctx);
    await fx.observe('Road closed at H+00:08 by Patrol 7');
  });
  afterAll(async () => drop?.());

  it('drafts the report in one action, in the HSEEP structure, from the data', async () => {
    const steps: string[] = [];
    const v = await generateReport(ctx, directorInfo, director, fx.exerciseId, (_d, _t, step) =>
      steps.push(step),
    );
    expect(v).toMatchObject({ version: 1, status: 'draft', changes: null });
    expect(steps).toEqual(['start', 'plan', 'evaluation', 'timeline', 'response-times', 'done']);
    const c = v.content;
    expect(c.language).toBe('en');
    expect(c.overview.name).toBe(fx.name);
    expect(c.objectives[0]!.targets[0]).toMatchObject({
      capability: 'On-scene security',
      text: 'Outer cordon set',
    });
    expect(c.capabilities[0]!.observations.map((o) => o.text)).toEqual([
      'Road closed at H+00:08 by Patrol 7',
    ]);
    expect(c.timeline.map((e) => e.kind)).toEqual(['clock', 'observation']);
    expect(c.responseTimes.perTeam.map((t) => t.label).sort()).toEqual(['Medics', 'Patrol 7']);
    expect(c.basis.observations).toBe(1);
    // Before ENDEX nobody was asked anything: the feedback section is there, and empty.
    expect(c.feedback).toMatchObject({ responses: 0, lines: [] });
  });

  it('keeps hand-edited sections on regeneration and shows what the new observation changed', async () => {
    const edited = await editSections(ctx, directorInfo, director, fx.exerciseId, 1, {
      overview: {
        ...(await getVersion(ctx, director, fx.exerciseId, 1)).content.overview,
        summary: 'Cordon held.',
      },
    });
    expect(edited).toMatchObject({ version: 1, status: 'draft', editedSections: ['overview'] });
    const id = await fx.observe('Medics arrived late: radio dead zone');
    const v2 = await generateReport(ctx, directorInfo, director, fx.exerciseId);
    expect(v2.version).toBe(2);
    expect(v2.content.overview.summary).toBe('Cordon held.');
    expect(v2.changes).toEqual([
      {
        section: 'capabilities',
        item: `capabilities/${fx.plan.capability}/observation/${id}`,
        change: 'added',
        before: null,
        after: expect.stringContaining('radio dead zone'),
      },
    ]);
  });

  it('never overwrites a final version: an edit after it makes a new version', async () => {
    const final = await finaliseReport(ctx, directorInfo, director, fx.exerciseId, 2);
    expect(final.status).toBe('final');
    await expect(finaliseReport(ctx, directorInfo, director, fx.exerciseId, 2)).rejects.toMatchObject({
      code: 'report_state',
      status: 409,
    });
    const before = JSON.stringify((await getVersion(ctx, director, fx.exerciseId, 2)).content);
    const v3 = await editSections(ctx, directorInfo, director, fx.exerciseId, 2, {
      overview: { ...final.content.overview, summary: 'Cordon held; radio coverage to fix.' },
    });
    expect(v3).toMatchObject({ version: 3, status: 'draft' });
    expect(v3.changes!.map((c) => c.item)).toEqual(['overview/summary']);
    expect(JSON.stringify((await getVersion(ctx, director, fx.exerciseId, 2)).content)).toBe(before);
    expect((await listVersions(ctx, director, fx.exerciseId)).map((v) => [v.version, v.status])).toEqual([
      [3, 'draft'],
      [2, 'final'],
      [1, 'draft'],
    ]);
  });

  it('lets players read only the final version the director shared', async () => {
    await expect(getVersion(ctx, player, fx.exerciseId)).rejects.toMatchObject({ status: 404 });
    expect(await listVersions(ctx, player, fx.exerciseId)).toEqual([]);
    await expect(shareReport(ctx, directorInfo, director, fx.exerciseId, 3, true)).rejects.toMatchObject({
      code: 'report_state',
    });
    await shareReport(ctx, directorInfo, director, fx.exerciseId, 2, true);
    const seen = await getVersion(ctx, player, fx.exerciseId);
    expect(seen).toMatchObject({ version: 2, status: 'final', changes: null });
    await expect(getVersion(ctx, player, fx.exerciseId, 3)).rejects.toMatchObject({ status: 404 });
    await expect(generateReport(ctx, directorInfo, player, fx.exerciseId)).rejects.toMatchObject({
      status: 403,
    });
  });

  it('lets evaluators read but not write, and nobody outside the exercise’s organisations', async () => {
    expect((await getVersion(ctx, evaluator, fx.exerciseId)).version).toBe(3);
    await expect(finaliseReport(ctx, directorInfo, evaluator, fx.exerciseId, 3)).rejects.toMatchObject({
      status: 403,
    });
    await expect(getVersion(ctx, elsewhere, fx.exerciseId)).rejects.toMatchObject({ status: 404 });
  });

  it('audits every finalisation and share', async () => {
    const rows = await ctx.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('subject_id', '=', fx.exerciseId)
      .where('action', 'like', 'report.%')
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => r.action)).toEqual([
      'report.generated',
      'report.edited',
      'report.generated',
      'report.finalised',
      'report.edited',
      'report.shared',
    ]);
  });

  it('exports HTML with the charts drawn inline and a DOCX', async () => {
    const html = await exportReport(ctx, directorInfo, director, fx.exerciseId, 'html', 2);
    const text = html.body.toString('utf8');
    expect(text).toContain('<svg');
    expect(text).toContain('Exercise timeline');
    expect(text).toContain('Appendix A: Improvement plan');
    expect(html.filename).toMatch(/-aar-v2-en\.html$/);
    const docx = await exportReport(ctx, directorInfo, director, fx.exerciseId, 'docx', 2);
    expect(docx.body.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('cites the hot-wash answers summarised per role and question, and nothing that names who answered', async () => {
    const seat = async (username: string, displayName: string, seatName: string) => {
      const user = await createUser(ctx, SYSTEM_ACTOR, null, {
        username,
        displayName,
        password: 'hot-wash passphrase',
        grants: [{ role: 'player', organisationId: null }],
      });
      await ctx.db.kysely
        .updateTable('exercise_people')
        .set({ user_id: user.id })
        .where('exercise_id', '=', fx.exerciseId)
        .where('name', '=', seatName)
        .execute();
      return {
        id: user.id,
        actor: {
          userId: user.id,
          grants: [{ role: 'player' as const, organisationId: null, exerciseId: null }],
        },
      };
    };
    const named = await seat('patrol.aidos', 'Aidos Named', 'Patrol officer A');
    const hidden = await seat('patrol.bolat', 'Bolat Hidden', 'Patrol officer B');
    await clockCommand(ctx, directorInfo, director, fx.exerciseId, {
      command: 'endex',
      reason: 'play complete',
    });
    await answerSurvey(ctx, named.actor, fx.exerciseId, {
      anonymous: false,
      answers: {
        objectives: 4,
        realism: 5,
        preparation: 3,
        'injects-in-time': true,
        coordination: false,
        strengths: 'Cordon set up fast',
      },
    });
    await answerSurvey(ctx, hidden.actor, fx.exerciseId, {
      anonymous: true,
      answers: {
        objectives: 5,
        realism: 4,
        preparation: 4,
        'injects-in-time': true,
        coordination: true,
        strengths: 'Medics briefed early',
        improvements: 'Radio handover between police and medics',
      },
    });

    const draft = await generateReport(ctx, directorInfo, director, fx.exerciseId);
    const feedback = draft.content.feedback!;
    expect(feedback.responses).toBe(2);
    expect(feedback.invited).toBeGreaterThanOrEqual(2);
    const players = new Map(
      feedback.lines.filter((l) => l.role === 'Players').map((l) => [l.question, l.summary]),
    );
    expect(players.get('How well did the exercise meet its objectives?')).toBe(
      'average 4.5 of 5 (2 answers)',
    );
    expect(players.get('Did the injects reach you in time to act on them?')).toBe('yes 2, no 0');
    expect(players.get('Strengths: what went well?')!.split(' · ').sort()).toEqual([
      'Cordon set up fast',
      'Medics briefed early',
    ]);
    expect(players.get('Areas for improvement: what should change before the next exercise?')).toBe(
      'Radio handover between police and medics',
    );
    // A question nobody answered is left out rather than printed empty.
    expect(players.has('Anything else you want the exercise planners to know?')).toBe(false);
    expect(feedback.lines.filter((l) => l.role !== 'Players')).toEqual([]);

    // The anonymous answer is in the report only as part of the sums: no account, name or token.
    const [token] = await ctx.db.kysely
      .selectFrom('survey_responses')
      .select('respondent')
      .where('exercise_id', '=', fx.exerciseId)
      .where('anonymous', '=', 1)
      .execute();
    const quoted = JSON.stringify(feedback);
    for (const trace of [hidden.id, 'patrol.bolat', 'Bolat Hidden', 'Patrol officer B', token!.respondent])
      expect(quoted).not.toContain(trace);
    const whole = JSON.stringify(draft.content);
    for (const trace of [hidden.id, 'patrol.bolat', 'Bolat Hidden', token!.respondent])
      expect(whole).not.toContain(trace);
  });
});
