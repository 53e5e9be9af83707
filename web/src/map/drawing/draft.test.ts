import { describe, expect, it } from 'vitest';
import { addVertex, draftFrom, emptyDraft, finish, moveVertex, removeVertex, toGeometry } from './draft';

const clicks = (kind: 'point' | 'line' | 'polygon', ...at: [number, number][]) =>
  at.reduce(addVertex, emptyDraft(kind));

describe('drawing a shape', () => {
  it('places a point with one click, finished at once', () => {
    const draft = clicks('point', [71.4, 51.1]);
    expect(draft.finished).toBe(true);
    expect(toGeometry(draft)).toEqual({ type: 'Point', coordinates: [71.4, 51.1] });
  });

  it('will not finish a line of one point or a polygon of two', () => {
    expect(finish(clicks('line', [0, 0])).finished).toBe(false);
    expect(finish(clicks('polygon', [0, 0], [1, 0])).finished).toBe(false);
    expect(toGeometry(clicks('polygon', [0, 0], [1, 0]))).toBeNull();
  });

  it('closes a polygon and turns it counter-clockwise', () => {
    const clockwise = finish(clicks('polygon', [0, 0], [0, 1], [1, 1], [1, 0]));
    expect(toGeometry(clockwise)).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [1, 0],
          [1, 1],
          [0, 1],
          [0, 0],
          [1, 0],
        ],
      ],
    });
  });

  it('moves and removes vertices, and a polygon left with two corners is drawn again', () => {
    let draft = finish(clicks('polygon', [0, 0], [1, 0], [1, 1]));
    draft = moveVertex(draft, 2, [2, 2]);
    expect(draft.vertices[2]).toEqual([2, 2]);
    draft = removeVertex(draft);
    expect(draft.vertices).toHaveLength(2);
    expect(draft.finished).toBe(false);
  });

  it('edits an existing polygon without its closing position', () => {
    const draft = draftFrom('polygon', {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 0],
          [1, 1],
          [0, 0],
        ],
      ],
    });
    expect(draft.vertices).toHaveLength(3);
    expect(draft.finished).toBe(true);
    expect(draftFrom('line', { type: 'Point', coordinates: [0, 0] }).vertices).toEqual([]);
  });
});
