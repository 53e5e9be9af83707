import { injectSource } from '../conduct/inject.source.js';
import { commCheckSource } from '../conduct/comm-check.source.js';
import { alertSource } from '../alerts/alert.source.js';
import { noticeSource } from '../notices/notice.source.js';
import { improvementSource } from '../improvement/improvement.source.js';
import { subscriptionSource } from '../subscriptions/subscription.source.js';
import { surveySource } from '../survey/survey.source.js';
import type { OutboxSource, OutboxSources } from './source.js';

/** Every kind of source this version sends. */
export function outboxSources(): OutboxSources {
  const list: OutboxSource[] = [
    noticeSource as OutboxSource,
    subscriptionSource as OutboxSource,
    injectSource as OutboxSource,
    commCheckSource as OutboxSource,
    alertSource as OutboxSource,
    improvementSource as OutboxSource,
    surveySource as OutboxSource,
  ];
  return new Map(list.map((s) => [s.kind, s]));
}
