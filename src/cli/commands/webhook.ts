import type { Command } from 'commander';
import { loadConfig } from '../../config/config.js';
import { webhookUrlFault } from '../../channels/webhook/address.js';
import { receiverSecret } from '../../channels/webhook/signature.js';
import { problemText, type MessageLang } from '../../core/messages/messages.js';
import { CliFailure, EXIT } from '../output.js';
import { WEBHOOK_WORDS } from './webhook.texts.js';

/**
 * `dabyl webhook secret URL`: the secret an agency's receiver at URL verifies Dabyl's signatures
 * with. It is derived from DABYL_WEBHOOK_SIGNING_KEY, so it is printed again on demand and changes
 * when the key is rotated.
 */
export function registerWebhookCommands(program: Command, lang: MessageLang): void {
  const w = WEBHOOK_WORDS[lang];
  const webhook = program.command('webhook').description(w.webhook);
  webhook
    .command('secret')
    .description(w.secret)
    .argument('<url>', w.url)
    .action((url: string) => {
      const config = loadConfig();
      if (!config.webhookSigningKey) throw new CliFailure(w.noKey, EXIT.config);
      const refused = webhookUrlFault(url, config.webhookAllowHosts);
      if (refused) {
        // English as the check wrote it; Kazakh and Russian from its fault, as the API words it.
        const problem =
          lang === 'en' ? refused.error : problemText(lang, refused.fault.problem, refused.fault.params);
        throw new CliFailure(`url: ${problem}`, EXIT.usage);
      }
      process.stdout.write(`${receiverSecret(config.webhookSigningKey, url)}\n`);
    });
}
