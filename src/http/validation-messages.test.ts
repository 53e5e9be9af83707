import { describe, expect, it } from 'vitest';
import { describeSchemaErrors } from './validation-messages.js';

describe('schema failures in the person’s terms', () => {
  it('says a limit that must be exceeded is "more than", not "at least"', () => {
    const [above, below, atLeast] = describeSchemaErrors('body', [
      { instancePath: '/criterion/withinMinutes', keyword: 'exclusiveMinimum', params: { limit: 0 } },
      { instancePath: '/share', keyword: 'exclusiveMaximum', params: { limit: 1 } },
      { instancePath: '/count', keyword: 'minimum', params: { limit: 1 } },
    ]);
    expect(above).toMatchObject({ field: 'criterion.withinMinutes', problem: 'must be more than 0' });
    expect(below).toMatchObject({ field: 'share', problem: 'must be less than 1' });
    expect(atLeast).toMatchObject({ field: 'count', problem: 'must be at least 1' });
  });
});
