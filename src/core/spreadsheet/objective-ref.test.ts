import { describe, expect, it } from 'vitest';
import { findObjective } from './objective-ref.js';

const OBJECTIVES = [
  { id: 'a', position: 1, text: 'Оценить оповещение населения' },
  { id: 'b', position: 2, text: 'Кепілге алынғандарды босату' },
  { id: 'c', position: 3, text: 'Test the cordon around the school' },
];
const id = (ref: string) => findObjective(ref, OBJECTIVES)?.id ?? null;

describe('objectives referred to as planners write them', () => {
  it.each([
    ['2', 'b'],
    ['O2', 'b'],
    ['Obj. 2', 'b'],
    ['Objective 2', 'b'],
    ['objective #3', 'c'],
    ['Objective 2: whatever the sheet calls it', 'b'],
    ['Цель 1', 'a'],
    ['Ц-1', 'a'],
    ['Цель №3', 'c'],
    ['Цель 1: Оценить оповещение населения', 'a'],
    ['2-мақсат', 'b'],
    ['2 мақсат: Кепілге алынғандарды босату', 'b'],
    ['Мақсат 3', 'c'],
    ['3. Test the cordon around the school', 'c'],
    ['оценить оповещение населения.', 'a'],
    ['Кепілге алынғандарды босату', 'b'],
    ['test the cordon around the SCHOOL', 'c'],
  ])('%s → %s', (ref, want) => expect(id(ref)).toBe(want));

  it('names nothing for a number or a text the plan lacks', () => {
    expect(id('7')).toBeNull();
    expect(id('Цель 9')).toBeNull();
    expect(id('Освободить заложников')).toBeNull();
  });

  it('falls back to the text when the number is wrong but the text is right', () => {
    expect(id('Objective 9: Test the cordon around the school')).toBe('c');
  });
});
