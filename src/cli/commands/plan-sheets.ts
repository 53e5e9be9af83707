import type { Command } from 'commander';
import type { MessageLang } from '../../core/messages/messages.js';
import { registerSheetCommands } from './msel.js';

/** `dabyl participants import|export`: people with their exercise role, team and organisation. */
export function registerParticipantsCommands(program: Command, lang: MessageLang): void {
  registerSheetCommands(program, 'participants', lang);
}

/** `dabyl venues import|export`: named places with a kind, an address and a point. */
export function registerVenuesCommands(program: Command, lang: MessageLang): void {
  registerSheetCommands(program, 'venues', lang);
}
