import { describe, expect, it } from 'vitest';
import { cbCategoryOf, type CbCategoryInput } from './category.js';

const actual = (over: Partial<CbCategoryInput>): CbCategoryInput => ({
  status: 'Actual',
  severity: 'Extreme',
  urgency: 'Immediate',
  certainty: 'Observed',
  ...over,
});

describe('cell-broadcast category', () => {
  it('an Exercise or Test message is an exercise (4381), whatever its qualifiers', () => {
    for (const status of ['Exercise', 'Test'] as const)
      expect(cbCategoryOf(actual({ status, presidential: true }))).toEqual({
        category: 'exercise',
        messageId: 4381,
        additionalLanguageId: 4394,
      });
  });

  it('is presidential only when explicitly asked', () => {
    expect(cbCategoryOf(actual({ presidential: true }))).toEqual({
      category: 'presidential',
      messageId: 4370,
      additionalLanguageId: 4383,
    });
    expect(cbCategoryOf(actual({})).category).toBe('extreme');
  });

  it('maps Extreme, Immediate, Observed or Likely to extreme (4371, 4372)', () => {
    expect(cbCategoryOf(actual({})).messageId).toBe(4371);
    expect(cbCategoryOf(actual({ certainty: 'Likely' }))).toMatchObject({
      category: 'extreme',
      messageId: 4372,
    });
  });

  it('maps the other Extreme or Severe threats to severe (4373–4378), as CMAS does', () => {
    const cases: [Partial<CbCategoryInput>, number][] = [
      [{ urgency: 'Expected' }, 4373],
      [{ urgency: 'Expected', certainty: 'Likely' }, 4374],
      [{ severity: 'Severe' }, 4375],
      [{ severity: 'Severe', certainty: 'Likely' }, 4376],
      [{ severity: 'Severe', urgency: 'Expected' }, 4377],
      [{ severity: 'Severe', urgency: 'Expected', certainty: 'Likely' }, 4378],
    ];
    for (const [over, id] of cases)
      expect(cbCategoryOf(actual(over))).toEqual({
        category: 'severe',
        messageId: id,
        additionalLanguageId: id + 13,
      });
  });

  it('sends anything less as a public-safety message (4396, additional language 4397)', () => {
    for (const over of [
      { severity: 'Moderate' },
      { urgency: 'Future' },
      { certainty: 'Possible' },
      { severity: 'Unknown' },
    ] as Partial<CbCategoryInput>[])
      expect(cbCategoryOf(actual(over))).toEqual({
        category: 'public-safety',
        messageId: 4396,
        additionalLanguageId: 4397,
      });
  });
});
