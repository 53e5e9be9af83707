import { testRedisUrl } from '../../test/setup/engines.js';
import { BullJobQueue } from './bullmq.queue.js';
import { jobQueueContract } from './testing/queue.contract.js';
import { deleteRedisPrefix, testPrefix } from './testing/redis.js';

jobQueueContract('BullMQ queue on Redis', async () => {
  const prefix = testPrefix();
  return {
    open: async () => new BullJobQueue(testRedisUrl(), { prefix }),
    close: () => deleteRedisPrefix(prefix),
  };
});
