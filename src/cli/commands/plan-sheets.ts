import type { Command } from 'commander';
import { registerSheetCommands } from './msel.js';

/** `dabyl participants import|export`: people with their exercise role, team and organisation. */
export function registerParticipantsCommands(program: Command): void {
  registerSheetCommands(program, 'participants', {
    command: 'participants',
    description: "an exercise's participants: people with their exercise role, team and organisation",
    what: 'participants',
    teams: true,
  });
}

/** `dabyl venues import|export`: named places with a kind, an address and a point. */
export function registerVenuesCommands(program: Command): void {
  registerSheetCommands(program, 'venues', {
    command: 'venues',
    description: "an exercise's venues: name, kind, address, latitude and longitude",
    what: 'venues',
    teams: false,
  });
}
