import { Command } from 'commander';
import { registerAdminCommands } from './commands/admin.js';
import { registerBackupCommands } from './commands/backup.js';
import { registerCapCommands } from './commands/cap.js';
import { addCapSignCommands } from './commands/cap-sign.js';
import { registerDoctor } from './commands/doctor.js';
import { registerExerciseDocCommands } from './commands/exercise-docs.js';
import { registerExerciseCommands } from './commands/exercise.js';
import { registerFeedCommands } from './commands/feed.js';
import { registerImprovementCommands } from './commands/improvement.js';
import { registerLessonsCommands } from './commands/lessons.js';
import { registerMselCommands } from './commands/msel.js';
import { registerNoticeCommands } from './commands/notice.js';
import { registerPeopleCommands } from './commands/people.js';
import { registerReportCommands } from './commands/report.js';
import { registerPortalCommands } from './commands/portal.js';
import { registerParticipantsCommands, registerVenuesCommands } from './commands/plan-sheets.js';
import { registerServe } from './commands/serve.js';
import { registerSirenCommands } from './commands/siren.js';
import { registerBoundaryCommands } from './commands/boundaries.js';
import { registerWebhookCommands } from './commands/webhook.js';
import { cliLanguage, exitCodeFor } from './output.js';

/** Builds the `dabyl` command; exported so tests drive the same tree the binary does. */
export function buildCli(): Command {
  const program = new Command('dabyl')
    .description(
      'Dabyl: plan, run and evaluate exercises; tell the public; alert.\nConfiguration comes from DABYL_* environment variables (see README.md).',
    )
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
  registerServe(program);
  registerAdminCommands(program);
  registerPeopleCommands(program);
  registerReportCommands(program);
  registerDoctor(program);
  registerBackupCommands(program);
  registerExerciseDocCommands(program);
  registerExerciseCommands(program);
  registerMselCommands(program);
  registerParticipantsCommands(program);
  registerVenuesCommands(program);
  registerNoticeCommands(program);
  registerPortalCommands(program);
  registerWebhookCommands(program);
  registerSirenCommands(program);
  registerBoundaryCommands(program);
  registerFeedCommands(program);
  registerImprovementCommands(program);
  registerLessonsCommands(program);
  addCapSignCommands(registerCapCommands(program));
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildCli().parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    const e = err as { code?: string; exitCode?: number };
    if (e.code?.startsWith('commander.')) {
      // Help asked for and the version are successes. Help shown because a command is missing
      // (`dabyl audit`, or `dabyl` alone) and anything else commander refuses is a usage error,
      // so a script that mistypes a command never reads success.
      return e.code === 'commander.helpDisplayed' || e.code === 'commander.version' ? 0 : 2;
    }
    const { code, message } = exitCodeFor(err, cliLanguage(process.env));
    process.stderr.write(`dabyl: ${message}\n`);
    return code;
  }
}
