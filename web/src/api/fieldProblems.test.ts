import { describe, expect, it } from 'vitest';
import { ApiError } from './client';
import { fieldProblems } from './fieldProblems';

const labels = { startOn: 'Start date', dueOn: 'Due date', 'owner.name': 'Owner' };

describe('a refused form’s problems beside their fields', () => {
  it('puts one named problem under its field, naming other fields by their labels', () => {
    const error = new ApiError(422, 'invalid_input', 'dueOn: must be after startOn', 'dueOn');
    expect(fieldProblems(error, labels)).toEqual({
      byField: { dueOn: 'must be after “Start date”' },
      other: null,
    });
  });

  it('puts each of several problems under its own field, the first for a field winning', () => {
    const error = new ApiError(
      400,
      'invalid_input',
      'owner.name: обязательное поле',
      'owner.name',
      undefined,
      [
        { field: 'owner.name', problem: 'обязательное поле' },
        { field: 'startOn', problem: 'должна быть дата вида 2026-12-03' },
        { field: 'startOn', problem: 'второе' },
      ],
    );
    expect(fieldProblems(error, labels, (l) => `«${l}»`).byField).toEqual({
      'owner.name': 'обязательное поле',
      startOn: 'должна быть дата вида 2026-12-03',
    });
  });

  it('leaves a problem that names no field of the form, or no field at all, to the form’s alert', () => {
    const refused = new ApiError(403, 'forbidden', 'You do not have permission to do this');
    expect(fieldProblems(refused, labels)).toEqual({ byField: {}, other: refused });
    const elsewhere = new ApiError(422, 'invalid_input', 'version: is required', 'version');
    expect(fieldProblems(elsewhere, labels)).toEqual({ byField: {}, other: elsewhere });
    const network = new TypeError('Failed to fetch');
    expect(fieldProblems(network, labels).other).toBe(network);
  });
});
