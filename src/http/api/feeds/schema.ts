import { Type } from '@sinclair/typebox';
import { Id, Instant, Nullable } from '../common.schema.js';

const Names = Type.Object({ kk: Type.String(), ru: Type.String(), en: Type.String() });

const Finding = Type.Object({
  path: Type.String(),
  severity: Type.String(),
  rule: Type.String(),
  message: Type.String(),
});

export const FeedSchema = Type.Object(
  {
    id: Id,
    url: Type.String(),
    name: Names,
    pollSeconds: Type.Integer({ minimum: 30 }),
    trustStore: Type.Boolean({
      description: 'signatures are checked against a trust store (set from the CLI)',
    }),
    nextPollAt: Instant,
    lastPolledAt: Nullable(Instant),
    lastOutcome: Nullable(Type.String({ description: 'read, not-modified or failed' })),
    lastFindings: Type.Array(Finding, { description: 'what the last poll found wrong, each with its place' }),
    alerts: Type.Integer({ minimum: 0, description: 'alerts kept from this feed' }),
  },
  { $id: 'CapFeed' },
);

export const NewFeedBody = Type.Object(
  {
    url: Type.String({
      maxLength: 2000,
      description: 'the feed: Atom with CAP entries, bare CAP or EDXL-DE',
    }),
    name: Type.Union([Type.String({ minLength: 1, maxLength: 200 }), Names], {
      description: 'one name, or one per language',
    }),
    pollSeconds: Type.Optional(Type.Integer({ minimum: 30, maximum: 86_400 })),
  },
  { additionalProperties: false },
);

export const ExternalAlertSchema = Type.Object(
  {
    sender: Type.String(),
    identifier: Type.String(),
    sent: Instant,
    senderName: Nullable(Type.String()),
    headline: Nullable(Type.String()),
    status: Type.String(),
    msgType: Type.String(),
    expires: Nullable(Instant),
    verified: Type.Boolean({
      description:
        'signed, every signature holds and chains to the trust store, and none uses SHA-1 or DSA (those are read and reported as weak, never verified)',
    }),
    signatures: Type.Integer({ minimum: 0 }),
    findings: Type.Integer({ minimum: 0 }),
    supersededBy: Nullable(Type.String({ description: 'the Update or Cancel that replaced it' })),
    receivedAt: Instant,
  },
  { $id: 'ExternalAlert' },
);

export const PollSchema = Type.Object(
  {
    report: Type.Object({
      feedId: Id,
      outcome: Type.String(),
      added: Type.Integer({ minimum: 0 }),
      duplicates: Type.Integer({ minimum: 0 }),
      superseded: Type.Integer({ minimum: 0 }),
      findings: Type.Array(Finding),
    }),
    feed: Type.Ref(FeedSchema),
  },
  { $id: 'CapFeedPoll' },
);
