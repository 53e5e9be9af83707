import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dabyl } from '../support/dabyl-bin.js';
import { boundaryFeature, props, smallFile } from '../boundaries/fixtures.js';

/* `dabyl boundaries import|list` against a SQLite data folder of the test's own. */

describe('dabyl boundaries', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dabyl-boundaries-cli-'));
  const env = { DABYL_DATA_DIR: dir, DABYL_DEMO_DATA: 'false' };
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, content: unknown) => {
    const file = path.join(dir, name);
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };

  it('imports a set, refuses a wrong file naming every feature and field, and lists the set', async () => {
    const good = write('almaty.geojson', smallFile());
    const imported = await dabyl(['boundaries', 'import', good, '--set', 'almaty', '--approximate'], env);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toBe('almaty: 3 boundaries imported (approximate)\n');

    const wrong = smallFile();
    const noRu = props('x', 'city', 'X') as Record<string, unknown>;
    delete noRu['name:ru'];
    wrong.features.push(boundaryFeature(noRu), boundaryFeature(props('y', 'city', 'Y', { region: 'KZ-00' })));
    const refused = await dabyl(
      ['boundaries', 'import', write('wrong.geojson', wrong), '--set', 'almaty'],
      env,
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('nothing imported');
    expect(refused.stderr).toContain('features[3].properties.name:ru: is required');
    expect(refused.stderr).toContain('features[4].properties.region: must be an ISO 3166-2:KZ code');

    const notJson = await dabyl(
      ['boundaries', 'import', write('bad.geojson', '{"type": '), '--set', 'almaty'],
      env,
    );
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toContain('not JSON');

    const list = await dabyl(['boundaries', 'list', '--json'], env);
    expect(list.code).toBe(0);
    const out = JSON.parse(list.stdout) as {
      sets: { name: string; features: number }[];
      boundaries: { code: string }[];
    };
    expect(out.sets).toMatchObject([{ name: 'almaty', features: 3, approximate: true }]);
    expect(out.boundaries.map((b) => b.code)).toEqual(['almaty', 'karaganda', 'medeu']);
    const table = await dabyl(['boundaries', 'list'], env);
    expect(table.stdout).toContain('Medeu district');
  }, 180_000);
});
