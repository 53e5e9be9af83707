import type { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import { webhookUrlProblem } from '../../channels/webhook/address.js';
import { receiverSecret } from '../../channels/webhook/signature.js';
import { CliFailure, EXIT } from '../output.js';

/**
 * `dabyl webhook secret URL`: the secret an agency's receiver at URL verifies Dabyl's signatures
 * with. It is derived from DABYL_WEBHOOK_SIGNING_KEY, so it is printed again on demand and changes
 * when the key is rotated.
 */
export function registerWebhookCommands(program: Command): void {
  const webhook = program.command('webhook').description("webhooks to other agencies' systems");
  webhook
    .command('secret')
    .description("print the secret a receiver verifies Dabyl's signatures with")
    .argument('<url>', "the receiver's URL, as its contact holds it")
    .action((url: string) => {
      const config = loadConfig();
      if (!config.webhookSigningKey)
        throw new CliFailure(
          'DABYL_WEBHOOK_SIGNING_KEY is not set: there is nothing to derive from',
          EXIT.config,
        );
      const problem = webhookUrlProblem(url, config.webhookAllowHosts);
      if (problem) throw new CliFailure(`url: ${problem}`, EXIT.usage);
      process.stdout.write(`${receiverSecret(config.webhookSigningKey, url)}\n`);
    });
}
