import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeMrc } from '../../worker-pool/io/mrc/write.js';
import { REPO_ROOT } from '../../worker-pool/paths.js';
import { chromiumMissing } from '../../report-renderer/chromium.js';
import { sharedFloat32 } from '../../worker-pool/volume.js';
import { renderPhantom } from '../../worker-pool/synthetic/phantom.js';
import { createScratchDatabase, type ScratchDatabase } from '../store/testing.js';

const STUBS = join(REPO_ROOT, 'dist/worker-pool/testing/level0-stub-metrics.js');

/** A 16³ Gaussian blob (σ² = 4.5 voxels²) at the centre, 1.5 Å voxels: its values are known exactly. */
function blobMap(): Uint8Array {
  const n = 16;
  const data = sharedFloat32(n * n * n);
  for (let z = 0; z < n; z++) for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) {
    data[x + n * (y + n * z)] = Math.exp(-((x - 8) ** 2 + (y - 8) ** 2 + (z - 8) ** 2) / 9);
  }
  return writeMrc({ nx: n, ny: n, nz: n, data, voxelSize: { x: 1.5, y: 1.5, z: 1.5 }, origin: { x: 0, y: 0, z: 0 } });
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

describe('vrs validate', () => {
  let db: ScratchDatabase;
  let dir: string;
  /** Runs `vrs validate ARGS`; with `interruptWhen`, sends one SIGINT (Ctrl-C) once it holds for the output so far. */
  const vrs = (args: string[], extraEnv: Record<string, string> = { VRS_METRIC_MODULES: STUBS }, interruptWhen?: (out: Run) => boolean) =>
    new Promise<Run>((resolve) => {
      const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/vrs.js'), 'validate', ...args], {
        cwd: dir,
        env: { ...process.env, DATABASE_URL: db.url, VRS_DATA_DIR: join(dir, '.vrs'), ...extraEnv },
      });
      const out: Run = { code: null, stdout: '', stderr: '' };
      let interrupted = false;
      const watch = () => {
        if (interruptWhen && !interrupted && interruptWhen(out)) {
          interrupted = true;
          child.kill('SIGINT');
        }
      };
      child.stdout.on('data', (d) => { out.stdout += d; watch(); });
      child.stderr.on('data', (d) => { out.stderr += d; watch(); });
      child.on('close', (code) => resolve({ ...out, code }));
    });
  const query = async (sql: string) => {
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      return (await c.query(sql)).rows;
    } finally {
      await c.end();
    }
  };

  beforeAll(async () => {
    db = await createScratchDatabase('vrs_test_validate');
    dir = mkdtempSync(join(tmpdir(), 'vrs-validate-'));
    writeFileSync(join(dir, 'blob.map'), blobMap());
  });
  afterAll(async () => {
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('validates a map, writes the JSON with the contract\'s names, and exits 0', async () => {
    const run = await vrs(['blob.map', '--threshold', '0.5', '--json', 'out.json']);
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'));
    expect(Object.keys(json).sort()).toEqual(
      ['map', 'voxelSize', 'threshold', 'thresholdSource', 'resolution', 'profile', 'inputData', 'mass', 'mask', 'background', 'bFactor',
        'localResolution', 'localBFactor', 'localOccupancy', 'hand', 'summary', 'archive'].sort(),
    );
    // the archive checks (issue 20) under their field, outside the score
    expect(Object.keys(json.archive)).toEqual(expect.arrayContaining(['distribution', 'volume', 'powerSpectrum', 'views', 'summary']));
    expect(json.archive.summary).toMatchObject({ score: 0, evaluable: 0 });
    expect(json).toMatchObject({ voxelSize: 1.5, threshold: 0.5, thresholdSource: 'USER', resolution: null, profile: 'standard' });
    expect(json.map).toMatchObject({ name: 'blob.map', dimensions: { nx: 16, ny: 16, nz: 16 }, voxelSize: { x: 1.5 } });
    expect(json.map.id).toMatch(/^[0-9a-f]{64}$/);
    // Voxels ≥ 0.5: r² ≤ 9·ln 2 = 6.24 → lattice points with r² = 0…6 around (8,8,8): 1+6+12+8+6+24+24 = 81.
    expect(json.mass).toMatchObject({ id: '0.a', status: 'OK', hardMaskVoxels: 81 });
    expect(json.background).toMatchObject({ backgroundVoxels: 4096 - 81 });
    expect(json.bFactor).toMatchObject({ status: 'NOT_APPLICABLE' });
    expect(json.localResolution).toMatchObject({ id: '0.e', status: 'NOT_APPLICABLE' });
    expect(json.localBFactor).toMatchObject({ id: '0.f', status: 'NOT_APPLICABLE' });
    expect(json.localOccupancy).toMatchObject({ id: '0.g', status: 'NOT_APPLICABLE' });
    expect(json.hand).toMatchObject({ id: '0.h', status: 'NOT_APPLICABLE' });
    expect(json.mass.computeMillis).toBeGreaterThanOrEqual(0);
    expect(json.summary).toMatchObject({ score: 2, evaluable: 3 });
    expect(run.stdout).toContain('0.b Mask analysis');
    expect(run.stdout).toContain(json.summary.scoreSentence);
    const rows = await query(`SELECT metric, state, attempts FROM metric_results ORDER BY metric`);
    expect(rows.map((r) => r.metric)).toEqual([
      'archive.distribution', 'archive.powerSpectrum', 'archive.views', 'archive.volume', 'level0.bFactor', 'level0.background', 'level0.hand', 'level0.inputData', 'level0.localBFactor', 'level0.localOccupancy',
      'level0.localResolution', 'level0.mask', 'level0.masks', 'level0.mass',
    ]);
    expect(rows.every((r) => r.state === 'done' && r.attempts === 1)).toBe(true);
  });

  it('asked twice, computes once: the second run reads the memo and says "(cached)"', async () => {
    const run = await vrs(['blob.map', '--threshold', '0.5']);
    expect(run.code, run.stderr).toBe(0);
    // One "(cached)" per section: input data, 0.a–0.h and the archive checks E.a–E.d.
    expect(run.stderr.match(/\(cached\)/g)?.length).toBe(13);
    const rows = await query(`SELECT attempts FROM metric_results`);
    expect(rows.every((r) => r.attempts === 1)).toBe(true);
  });

  it('--timings prints each phase on stderr (wall, CPU, memory) and changes nothing else', async () => {
    const plain = await vrs(['blob.map', '--threshold', '0.5']);
    const timed = await vrs(['blob.map', '--threshold', '0.5', '--timings']);
    expect(timed.code, timed.stderr).toBe(0);
    for (const name of ['read map', 'open store', 'compute service', 'sections', 'level 0', 'level E', 'close store']) {
      expect(timed.stderr).toMatch(new RegExp(`^vrs: timing ${name} +wall +[\\d.]+ s cpu [\\d.]+ s · ends at [\\d.]+ s · rss \\d+ MiB, peak \\d+ MiB$`, 'm'));
    }
    // ranks are recorded only for a map with a resolution (none here): no such phase
    expect(timed.stderr).not.toMatch(/^vrs: timing ranks /m);
    expect(plain.stderr).not.toContain('vrs: timing');
    expect(timed.stdout).toBe(plain.stdout);
  });

  it('estimates the threshold when none is given, and applies 0.d with a resolution', async () => {
    const run = await vrs(['blob.map', '--resolution', '4', '--json', 'out2.json']);
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, 'out2.json'), 'utf8'));
    expect(json.thresholdSource).toBe('ESTIMATED');
    expect(json.resolution).toBe(4);
    expect(json.bFactor).toMatchObject({ status: 'OK', bFactor: -100 });
    // The 99th percentile (numpy-linear) sits at sorted position 0.99·4095 = 4054.05, inside the
    // shell r² = 5 (sorted positions 4039…4062, all equal): the estimate is exp(−5/9) in float32
    // and the voxels at or above it are the shells r² ≤ 5: 1+6+12+8+6+24 = 57.
    expect(json.threshold).toBeCloseTo(Math.fround(Math.exp(-5 / 9)), 7);
    expect(json.mass.hardMaskVoxels).toBe(57);
  });

  it('a truncated map exits 2 with MAP_TRUNCATED and leaves no map row', async () => {
    const bytes = blobMap();
    writeFileSync(join(dir, 'cut.map'), bytes.subarray(0, 1024 + 1000));
    const before = await query(`SELECT count(*)::int AS n FROM maps`);
    const run = await vrs(['cut.map', '--json', 'cut.json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('[MAP_TRUNCATED]');
    expect(await query(`SELECT count(*)::int AS n FROM maps`)).toEqual(before);
  });

  it('a map with non-cubic voxels exits 2 with MAP_ANISOTROPIC_VOXELS and leaves no map row', async () => {
    const n = 8;
    const data = sharedFloat32(n * n * n).fill(1);
    writeFileSync(join(dir, 'aniso.map'), writeMrc({ nx: n, ny: n, nz: n, data, voxelSize: { x: 1, y: 1, z: 2 }, origin: { x: 0, y: 0, z: 0 } }));
    const before = await query(`SELECT count(*)::int AS n FROM maps`);
    const run = await vrs(['aniso.map', '--threshold', '0.5']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('[MAP_ANISOTROPIC_VOXELS]');
    expect(run.stderr).toContain('1.0000 × 1.0000 × 2.0000 Å');
    expect(await query(`SELECT count(*)::int AS n FROM maps`)).toEqual(before);
  });

  it('Ctrl-C stops the run cleanly: exit 130, running sections stored as CANCELLED (no claim left), and a re-run computes only the rest', async () => {
    writeFileSync(join(dir, 'phantom.map'), writeMrc(renderPhantom({ size: 128, voxelSize: 1, resolution: 4, seed: 3 })));
    const args = ['phantom.map', '--threshold', '0.25', '--resolution', '4'];
    const first = await vrs(args, { VRS_METRIC_MODULES: '' }, (out) => /done [\d.]+ s/.test(out.stderr)); // once the first section is stored
    expect(first.code).toBe(130);
    expect(first.stderr).toContain('stopping; finished sections stay stored');
    expect(first.stderr).toContain('vrs: Interrupted');
    const rows = await query(`SELECT metric, state, error->>'code' AS code FROM metric_results r JOIN maps m ON m.id = r.map_id WHERE m.name = 'phantom.map'`);
    expect(rows.filter((r) => r.state === 'running' || r.state === 'queued')).toEqual([]);
    expect(rows.filter((r) => r.state === 'failed').map((r) => r.code)).toContain('CANCELLED');
    const done = rows.filter((r) => r.state === 'done').length;
    expect(done).toBeGreaterThan(0);

    const again = await vrs(args, { VRS_METRIC_MODULES: '' });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('(cached)');
    expect(again.stderr).not.toMatch(/FAILED/);
  }, 120_000);

  it('a bad option exits 2 with BAD_PARAMETER', async () => {
    const run = await vrs(['blob.map', '--profile', 'lenient']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('[BAD_PARAMETER]');
  });

  /** A map of the blob's shape with the given voxels replaced, or another voxel size. */
  const blobVariant = (name: string, opts: { set?: [number, number][]; voxelSize?: number } = {}) => {
    const n = 16;
    const data = sharedFloat32(n * n * n).fill(0.1);
    for (const [i, v] of opts.set ?? []) data[i] = v;
    const s = opts.voxelSize ?? 1.5;
    writeFileSync(join(dir, name), writeMrc({ nx: n, ny: n, nz: n, data, voxelSize: { x: s, y: s, z: s }, origin: { x: 0, y: 0, z: 0 } }));
  };
  const mapCount = async () => (await query(`SELECT count(*)::int AS n FROM maps`))[0].n as number;

  it('a map with NaN or infinite voxels exits 2 with MAP_NONFINITE_VOXELS, counting each kind, and leaves no map row', async () => {
    blobVariant('nonfinite.map', { set: [[5, NaN], [77, Infinity], [78, -Infinity]] });
    const before = await mapCount();
    const run = await vrs(['nonfinite.map']); // no threshold: the estimate used to crash on the NaN
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain('vrs: error [MAP_NONFINITE_VOXELS]: The map holds 1 NaN voxel and 2 infinite voxels of 4096;');
    expect(run.stderr).not.toContain('INTERNAL');
    expect(await mapCount()).toBe(before);
  });

  it('a resolution finer than the Nyquist limit 2·Ts exits 2 with RESOLUTION_BEYOND_NYQUIST and leaves no map row', async () => {
    blobVariant('nyquist.map');
    const before = await mapCount();
    const run = await vrs(['nyquist.map', '--threshold', '0.5', '--resolution', '0.5']);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain('vrs: error [RESOLUTION_BEYOND_NYQUIST]: The resolution (--resolution) is 0.5 Å, finer than the Nyquist limit of the map, 2 × the voxel size 1.5 Å = 3 Å');
    expect(await mapCount()).toBe(before);
  });

  it('a threshold above the map maximum exits 2 with THRESHOLD_ABOVE_MAXIMUM, the map range and a suggested value, and leaves no map row', async () => {
    blobVariant('bright.map', { set: [[0, 41.9]] }); // densities 0.1 … 41.9; 1 % of the voxels lie above 0.1
    const before = await mapCount();
    const run = await vrs(['bright.map', '--threshold', '1e9', '--resolution', '6']);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain("vrs: error [THRESHOLD_ABOVE_MAXIMUM]: The threshold (--threshold) is 1000000000, above the map's maximum density (the map's densities go from 0.1 to 41.9)");
    expect(run.stderr).toMatch(/e\.g\. 0\.1 \(the level above which 1 % of the voxels lie\)/);
    expect(run.stderr).not.toContain('validating'); // refused before anything ran
    expect(await mapCount()).toBe(before);
  });

  it('the Nyquist limit is that of --voxel-size when given (1 Å: 2.5 Å is fine, 1.5 Å is not)', async () => {
    blobVariant('nyquist.map');
    const ok = await vrs(['nyquist.map', '--threshold', '0.05', '--resolution', '2.5', '--voxel-size', '1']);
    expect(ok.code, ok.stderr).toBe(0);
    const refused = await vrs(['nyquist.map', '--threshold', '0.05', '--resolution', '1.5', '--voxel-size', '1']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('is 1.5 Å, finer than the Nyquist limit of the map, 2 × the voxel size 1 Å = 2 Å');
  });

  it('a resolution beyond Nyquist from the EMDB header says it came from the --emdb-header file', async () => {
    blobVariant('nyquist.map');
    writeFileSync(join(dir, 'fine.xml'), `<?xml version="1.0" encoding="UTF-8"?>
<emd emdb_id="EMD-12345" version="3.0.11.3">
  <structure_determination_list><structure_determination><method>singleParticle</method>
    <singleparticle_processing><final_reconstruction><resolution units="Å" res_type="BY AUTHOR">1.0</resolution></final_reconstruction></singleparticle_processing>
  </structure_determination></structure_determination_list>
  <map><contour_list><contour primary="true"><level>0.05</level><source>AUTHOR</source></contour></contour_list></map>
</emd>`);
    const run = await vrs(['nyquist.map', '--emdb-header', 'fine.xml']);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain('vrs: error [RESOLUTION_BEYOND_NYQUIST]: The resolution in the --emdb-header file fine.xml is 1 Å');
  });

  it('a header without a voxel size (CELLA = 0) exits 2 with MAP_NO_VOXEL_SIZE and leaves no map row', async () => {
    blobVariant('nocell.map', { voxelSize: 0 });
    const before = await mapCount();
    const run = await vrs(['nocell.map', '--threshold', '0.05']);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr).toContain('vrs: error [MAP_NO_VOXEL_SIZE]:');
    expect(run.stderr).toContain('--voxel-size');
    expect(await mapCount()).toBe(before);
  });

  it('prints the map\'s format warnings on stderr; with --voxel-size a header without one is validated at that size', async () => {
    blobVariant('nocell.map', { voxelSize: 0 });
    const run = await vrs(['nocell.map', '--threshold', '0.05', '--voxel-size', '1.5']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/^vrs: warning \[MRC_VOXEL_SIZE_DEFAULTED\] CELLA or MX\/MY\/MZ is zero or negative along x, y, z; .*$/m);
    expect(run.stdout).toContain('1.5 Å');
  });

  it('an output path that cannot be written exits 2 with OUTPUT_NOT_WRITABLE before the map is even read', async () => {
    mkdirSync(join(dir, 'a-folder'), { recursive: true });
    // the map does not exist: the output check comes first
    const cases: [string[], string][] = [
      [['--json', '/nonexistent/dir/x.json'], '--json /nonexistent/dir/x.json cannot be written: the folder /nonexistent/dir does not exist; choose another path.'],
      [['--pdf', '/nonexistent/dir/x.pdf'], '--pdf /nonexistent/dir/x.pdf cannot be written: the folder /nonexistent/dir does not exist'],
      [['--pdf', 'a-folder'], '--pdf a-folder cannot be written: it is a directory'],
      [['--json', 'blob.map/x.json'], `is not a folder`],
    ];
    for (const [args, message] of cases) {
      const run = await vrs(['no-such.map', ...args]);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain('vrs: error [OUTPUT_NOT_WRITABLE]: ');
      expect(run.stderr).toContain(message);
    }
  });

  it('a missing --emdb-header file: validate and inspect answer the same code and message', async () => {
    const inspect = await new Promise<Run>((resolve) => {
      const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/vrs.js'), 'inspect', 'blob.map', '--emdb-header', 'missing.xml'], { cwd: dir });
      const out: Run = { code: null, stdout: '', stderr: '' };
      child.stdout.on('data', (d) => { out.stdout += d; });
      child.stderr.on('data', (d) => { out.stderr += d; });
      child.on('close', (code) => resolve({ ...out, code }));
    });
    const validate = await vrs(['blob.map', '--emdb-header', 'missing.xml']);
    const line = 'vrs: error [BAD_PARAMETER]: The EMDB header file missing.xml cannot be read (ENOENT); check the --emdb-header path.\n';
    expect(validate.code).toBe(2);
    expect(validate.stderr).toBe(line);
    expect(inspect.code).toBe(2);
    expect(inspect.stderr).toBe(line);
  });

  // Skipped only where Chromium is truly absent, and then it says so; CI installs it, so
  // there (CI set) the test runs and a missing Chromium fails it.
  const noChromium = chromiumMissing();
  if (noChromium && !process.env.CI) console.warn(`[validate.test] skipping the --pdf test: ${noChromium}`);

  it.skipIf(noChromium !== null && !process.env.CI)('with the product metrics, writes the JSON and the PDF report (--pdf)', async () => {
    const run = await vrs(['blob.map', '--threshold', '0.3', '--resolution', '4', '--json', 'real.json', '--pdf', 'report.pdf'], { VRS_METRIC_MODULES: '' });
    expect(run.code, run.stderr).toBe(0);
    const pdf = readFileSync(join(dir, 'report.pdf'));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(run.stderr).toMatch(/wrote report\.pdf \(\d+ pages\)/);
    const json = JSON.parse(readFileSync(join(dir, 'real.json'), 'utf8'));
    // Real records from the product metrics (their own tests check the numbers).
    expect(json.mass).toMatchObject({ id: '0.a', algorithmVersion: expect.any(String) });
    expect(json.mass.leftSpace).toEqual({ x: expect.any(Number), y: expect.any(Number), z: expect.any(Number) });
    for (const [field, id] of [['localResolution', '0.e'], ['localBFactor', '0.f'], ['localOccupancy', '0.g']]) {
      expect(json[field]).toMatchObject({ id, status: expect.stringMatching(/^(OK|WARNING)$/), algorithmVersion: expect.stringMatching(/./) });
      expect(json[field].voxels).toBeGreaterThan(0);
    }
    // A Gaussian blob has no α-helix: 0.h cannot measure the hand and says so (FAILED, not counted).
    expect(json.hand).toMatchObject({ id: '0.h', status: 'FAILED', score: null, helicesFound: 0 });
    expect(json.summary.evaluable).toBe(7);
  });

  it.skipIf(noChromium !== null && !process.env.CI)('emd_5168 with no options: the estimated threshold is said to be estimated, by which rule and how to give one (terminal, JSON summary, PDF); the no-resolution notice names --resolution', async () => {
    const map = join(REPO_ROOT, '../shared/data/real/maps/emd_5168.map');
    const run = await vrs([map, '--json', '5168.json', '--pdf', '5168.pdf'], { VRS_METRIC_MODULES: '' });
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, '5168.json'), 'utf8'));
    expect(json).toMatchObject({ thresholdSource: 'ESTIMATED', resolution: null });
    const t = json.threshold.toPrecision(6); // 15.4903
    // the terminal's inputs line: the rule and the two ways to give one
    expect(run.stdout).toContain(`threshold ${t} (estimated as the level above which 1 % of the voxels lie; give one with --threshold T or --emdb-header XML)`);
    // the summary (JSON, terminal): a notice with the value, the rule and how to give one; no "suggested threshold" left
    const notice = json.summary.abstract.find((x: string) => x.startsWith('No threshold was given'));
    expect(notice).toContain(`the threshold ${t} was estimated as the level above which 1 % of the voxels lie`);
    expect(notice).toMatch(/--threshold T.*--emdb-header XML/);
    expect(run.stdout).toContain(notice);
    const resolutionNotice = json.summary.abstract.find((x: string) => x.startsWith('The user did not report a resolution'));
    expect(resolutionNotice).toContain('--resolution R');
    expect(JSON.stringify(json)).not.toMatch(/suggested threshold/);
    expect(run.stdout).not.toMatch(/suggested threshold/);
    // the PDF: the cover's threshold row and the summary's notices
    const text = execFileSync('pdftotext', [join(dir, '5168.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('estimated as the level above which 1 % of the voxels lie, as no threshold was given: give one with --threshold T or --emdb-header XML');
    expect(text).toContain(notice);
    expect(text).toContain(resolutionNotice);
    expect(text).not.toMatch(/suggested threshold/);
  });

  it.skipIf(noChromium !== null && !process.env.CI)('Ctrl-C while the PDF is printed: exit 130, no PDF written, no report claim left (no library takes the signal over)', async () => {
    // another threshold than the test above, so that this report is not stored yet
    // NODE_ENV as a user has it (vitest sets 'test', under which Apollo leaves the signals alone)
    const run = await vrs(['blob.map', '--threshold', '0.35', '--resolution', '4', '--pdf', 'stopped.pdf'], { VRS_METRIC_MODULES: '', NODE_ENV: 'development' },
      (out) => out.stderr.includes('printing the PDF report')); // the graph is up, Chromium is being launched
    expect(run.code, run.stderr).toBe(130);
    expect(run.stderr).toContain('stopping; finished sections stay stored');
    expect(run.stderr).not.toContain('quitting now'); // one Ctrl-C is enough: nothing re-raised it
    expect(existsSync(join(dir, 'stopped.pdf'))).toBe(false);
    expect(await query(`SELECT state FROM metric_results WHERE metric = 'report.pdf' AND state IN ('running', 'queued')`)).toEqual([]);
  });
});
