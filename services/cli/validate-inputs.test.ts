/**
 * `vrs validate MAP --half1 H1 --half2 H2 --model M` (Level 0 stub metrics, a scratch
 * database): the inputs are checked before the store is opened (exit 2 with the code, no row
 * left), linked to the map, shown in the JSON's `map` with the GraphQL names; the same map
 * validated again with other half maps keeps its Level 0 results (their keys hold no inputs).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../worker-pool/io/blob-files.js';
import { writeMrc } from '../../worker-pool/io/mrc/write.js';
import { REAL_MODELS_DIR, REPO_ROOT } from '../../worker-pool/paths.js';
import { syntheticHalfMaps } from '../../worker-pool/testing/half-maps.js';
import { LEVEL0 } from '../../worker-pool/metrics/level0/level.js';
import { LEVELA } from '../../worker-pool/metrics/levelA/level.js';
import { createScratchDatabase, type ScratchDatabase } from '../store/testing.js';

const STUBS = join(REPO_ROOT, 'dist/worker-pool/testing/level0-stub-metrics.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe('vrs validate --half1 --half2 --model', () => {
  let db: ScratchDatabase;
  let dir: string;
  const vrs = (args: string[]) =>
    new Promise<Run>((resolve) => {
      const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/vrs.js'), 'validate', ...args], {
        cwd: dir,
        env: { ...process.env, DATABASE_URL: db.url, VRS_DATA_DIR: join(dir, '.vrs'), VRS_METRIC_MODULES: STUBS },
      });
      const out: Run = { code: null, stdout: '', stderr: '' };
      child.stdout.on('data', (d) => (out.stdout += d));
      child.stderr.on('data', (d) => (out.stderr += d));
      child.on('close', (code) => resolve({ ...out, code }));
    });
  const query = async (sql: string, params: unknown[] = []) => {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      return (await c.query(sql, params)).rows;
    } finally {
      await c.end();
    }
  };
  const tableCount = async (table: string) => (await query(`SELECT count(*)::int AS n FROM ${table}`))[0].n as number;
  const model = join(REAL_MODELS_DIR, '1hpv_pymol.pdb'); // read in place

  beforeAll(async () => {
    db = await createScratchDatabase('vrs_test_validate_inputs');
    dir = mkdtempSync(join(tmpdir(), 'vrs-validate-inputs-'));
    const a = syntheticHalfMaps({ n: 16, noise: 0.2, noiseSeeds: [1, 2] });
    const b = syntheticHalfMaps({ n: 16, noise: 0.5, noiseSeeds: [3, 4] });
    const files: [string, Uint8Array][] = [
      ['map.mrc', writeMrc(a.map)], ['a1.mrc', writeMrc(a.half1)], ['a2.mrc', writeMrc(a.half2)], ['b1.mrc', writeMrc(b.half1)], ['b2.mrc', writeMrc(b.half2)],
      ['shifted.mrc', writeMrc({ ...b.half2, origin: { x: 3, y: 0, z: 0 } })],
      ['other.mrc', writeMrc(syntheticHalfMaps({ n: 16, signalSeed: 9 }).map)],
      ['big.mrc', writeMrc(syntheticHalfMaps({ n: 18, noiseSeeds: [5, 6] }).half1)],
      ['coarse.mrc', writeMrc({ ...b.half1, voxelSize: { x: 1.6, y: 1.6, z: 1.6 } })],
      ['junk.pdb', new TextEncoder().encode('REMARK no atoms\n')],
    ];
    for (const [name, bytes] of files) writeFileSync(join(dir, name), bytes);
  });
  afterAll(async () => {
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('links the half maps and the model, and writes them in the JSON with the GraphQL names', async () => {
    const run = await vrs(['map.mrc', '--threshold', '0.5', '--half1', 'a1.mrc', '--half2', 'a2.mrc', '--model', model, '--json', 'out.json']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/vrs: half1 a1\.mrc \([0-9a-f]{12}…\) linked to the map/);
    const json = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'));
    expect(json.map.halfMaps.half1).toMatchObject({ name: 'a1.mrc', sha256: sha256Hex(readFileSync(join(dir, 'a1.mrc'))), dimensions: { x: 16, y: 16, z: 16 }, sizeBytes: 1024 + 4 * 4096 });
    expect(Object.keys(json.map.halfMaps.half2).sort()).toEqual(['attachedAt', 'dimensions', 'name', 'origin', 'sha256', 'sizeBytes', 'voxelSize']);
    expect(json.map.model).toMatchObject({ name: '1hpv_pymol.pdb', format: 'PDB', atoms: 1631, hetAtoms: 115, chains: ['A', 'B', ''], models: 1 });
    const rows = await query(`SELECT role, name, path FROM map_inputs WHERE map_id = $1 ORDER BY role`, [json.map.id]);
    expect(rows).toEqual([
      { role: 'half1', name: 'a1.mrc', path: join(dir, 'a1.mrc') },
      { role: 'half2', name: 'a2.mrc', path: join(dir, 'a2.mrc') },
      { role: 'model', name: '1hpv_pymol.pdb', path: model },
    ]);
  });

  it('the same map validated again with other half maps: they replace the first pair; Level 0 and Level A (the model stays linked) come from the memo', async () => {
    const before = await query(`SELECT id, attempts FROM metric_results ORDER BY id`);
    const run = await vrs(['map.mrc', '--threshold', '0.5', '--half1', 'b1.mrc', '--half2', 'b2.mrc', '--json', 'out2.json']);
    expect(run.code, run.stderr).toBe(0);
    // the sections that read no half map are read from the memo; Level 1's half-map analyses and A.b FSC-Q are made for the new pair
    const readsHalves = (s: { metric: { inputs?: readonly string[] } }) => (s.metric.inputs ?? []).includes('half1');
    for (const s of [...LEVEL0.sections, ...LEVELA.sections].filter((x) => x.id !== null && !readsHalves(x))) {
      const line = run.stderr.split('\n').find((l) => l.includes(s.title) && /done/.test(l));
      expect(line, s.title).toMatch(/\(cached\)/);
    }
    expect(run.stderr.match(/\(cached\)/g)!.length).toBeGreaterThanOrEqual(LEVEL0.sections.length + LEVELA.sections.filter((s) => !readsHalves(s)).length);
    // nothing computed before was computed again; the new rows are Level 1's half-map analyses of the new pair
    const after = await query(`SELECT r.id, r.attempts, r.metric FROM metric_results r ORDER BY id`);
    expect(after.filter((r) => before.some((b) => b.id === r.id)).map(({ id, attempts }) => ({ id, attempts }))).toEqual(before);
    expect(after.filter((r) => !before.some((b) => b.id === r.id)).map((r) => r.metric).sort()).toEqual(['level1.directionalFsc', 'level1.fscPermutation', 'level1.globalResolution', 'level1.inputData', 'level1.localFsc', 'level1.monoRes', 'levelA.fscQ']);
    const json = JSON.parse(readFileSync(join(dir, 'out2.json'), 'utf8'));
    expect([json.map.halfMaps.half1.name, json.map.halfMaps.half2.name]).toEqual(['b1.mrc', 'b2.mrc']);
    expect(json.map.model.name).toBe('1hpv_pymol.pdb'); // not given this time: still linked
  });

  it('bad inputs exit 2 with their code before the store is touched', async () => {
    const maps = await tableCount('maps');
    const stored = [await tableCount('metric_results'), await tableCount('map_inputs')];
    const cases: [string[], string][] = [
      [['--half1', 'a1.mrc'], 'BAD_PARAMETER'],
      [['--half1', 'a1.mrc', '--half2', 'shifted.mrc'], 'HALF_MAPS_MISMATCH'],
      [['--half1', 'a1.mrc', '--half2', 'a1.mrc'], 'HALF_MAPS_DUPLICATE'],
      [['--half1', 'other.mrc', '--half2', 'a2.mrc'], 'HALF_MAPS_DUPLICATE'], // the map itself as a half
      [['--half1', 'a1.mrc', '--half2', 'big.mrc'], 'HALF_MAPS_MISMATCH'], // another box
      [['--half1', 'coarse.mrc', '--half2', 'a2.mrc'], 'HALF_MAPS_MISMATCH'], // another voxel size
      [['--half2', 'a2.mrc'], 'BAD_PARAMETER'], // a half missing
      [['--half1', 'a1.mrc', '--half2', 'missing.mrc'], 'MAP_NOT_FOUND'],
      [['--model', 'junk.pdb'], 'MODEL_UNREADABLE'],
      [['--model', 'missing.cif'], 'MODEL_NOT_FOUND'],
    ];
    for (const [extra, code] of cases) {
      const run = await vrs(['other.mrc', '--threshold', '0.5', ...extra]);
      expect(run.code, `${extra.join(' ')}: ${run.stderr}`).toBe(2);
      expect(run.stderr).toContain(`vrs: error [${code}]`);
    }
    expect(await tableCount('maps')).toBe(maps); // other.mrc was never registered
    expect([await tableCount('metric_results'), await tableCount('map_inputs')]).toEqual(stored); // nothing computed or linked
    const shifted = await vrs(['other.mrc', '--threshold', '0.5', '--half1', 'a1.mrc', '--half2', 'shifted.mrc']);
    expect(shifted.stderr).toMatch(/half2 \(shifted\.mrc\) does not lie on the map's grid: its origin/);
  });
});
