/**
 * The reader against independent truth: every real map in ../shared/data/real/maps compared
 * with mrcfile AND gemmi (fixtures/real_maps.json, made by fixtures/make_real_maps_fixture.py),
 * SHA-256 against the data README, and small files written by mrcfile in every mode.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REAL_MAPS_DIR, REPO_ROOT } from '../../paths.js';
import { readMapBuffer, readMapFile } from './read.js';

const FIXTURES = join(REPO_ROOT, 'worker-pool', 'io', 'fixtures');

interface RealMapFixture {
  file: string;
  sha256: string;
  sizeBytes: number;
  dimensions: { nx: number; ny: number; nz: number };
  fileDimensions: number[];
  axisOrder: number[];
  voxelSize: number[];
  voxelSizeGemmi: number[];
  origin: number[];
  originSource: string;
  statistics: { min: number; max: number; mean: number; std: number; rms: number; nanCount: number };
  header: Record<string, unknown> & { nsymbt: number; exttyp: string; labels: string[] };
  mrcfileMessages: string[];
  planeSums: number[];
  samples: { x: number; y: number; z: number; value: number }[];
}

const fixture = JSON.parse(readFileSync(join(FIXTURES, 'real_maps.json'), 'utf8')) as { maps: RealMapFixture[] };

/** SHA-256 column of ../shared/data/real/README.md. */
function readmeHashes(): Map<string, string> {
  const text = readFileSync(join(REAL_MAPS_DIR, '..', 'README.md'), 'utf8');
  const out = new Map<string, string>();
  for (const m of text.matchAll(/\|\s*`maps\/([^`]+)`\s*\|\s*`([0-9a-f]{64})`/g)) out.set(m[1]!, m[2]!);
  return out;
}

/** Which of our codes each mrcfile validator message corresponds to. */
function mrcfileCodes(messages: string[]): string[] {
  const table: [RegExp, string][] = [
    [/MRC format version/, 'MRC_VERSION'],
    [/Extended header type/, 'MRC_EXTTYP'],
    [/RMS deviation/, 'MRC_RMS_MISMATCH'],
    [/header labels/, 'MRC_LABELS'],
    [/[Mm]achine stamp/, 'MRC_MACHINE_STAMP'],
    [/[Mm]ap ID/, 'MRC_MAP_STAMP'],
    [/mean/i, 'MRC_MEAN_MISMATCH'],
    [/[Mm]inimum|[Mm]aximum/, 'MRC_MINMAX_MISMATCH'],
    [/larger than expected/, 'MRC_FILE_SIZE'],
  ];
  return messages
    .filter((m) => !m.startsWith('Checking if'))
    .map((m) => table.find(([re]) => re.test(m))?.[1] ?? `UNMAPPED: ${m}`)
    .sort();
}

describe('readMapFile on the real maps (truth: mrcfile + gemmi)', () => {
  const hashes = readmeHashes();
  it('has a fixture row for every map in the folder', () => {
    expect(fixture.maps.length).toBe(11);
  });
  for (const f of fixture.maps) {
    it(f.file, async () => {
      const r = await readMapFile(join(REAL_MAPS_DIR, f.file));
      expect(r.sha256).toBe(f.sha256);
      expect(r.sha256).toBe(hashes.get(f.file));
      expect(r.sizeBytes).toBe(f.sizeBytes);
      expect(r.geometry.dimensions).toEqual(f.dimensions);
      expect({ nx: r.volume.nx, ny: r.volume.ny, nz: r.volume.nz }).toEqual(f.dimensions);
      expect(r.geometry.fileDimensions).toEqual(f.fileDimensions);
      expect(r.geometry.axisOrder).toEqual(f.axisOrder);
      const v = r.geometry.voxelSize;
      [v.x, v.y, v.z].forEach((x, i) => {
        expect(x).toBeCloseTo(f.voxelSize[i]!, 12);
        expect(x).toBeCloseTo(f.voxelSizeGemmi[i]!, 5); // gemmi rounds the cell to 5 decimals
      });
      const o = r.geometry.origin;
      [o.x, o.y, o.z].forEach((x, i) => expect(x).toBeCloseTo(f.origin[i]!, 9));
      expect(r.volume.origin).toEqual(o);
      expect(r.geometry.originSource).toBe(f.originSource);
      expect(r.geometry.extendedHeader.bytes).toBe(f.header.nsymbt);
      const s = r.statistics;
      expect(s.min).toBe(f.statistics.min);
      expect(s.max).toBe(f.statistics.max);
      for (const k of ['mean', 'std', 'rms'] as const) {
        expect(Math.abs(s[k] - f.statistics[k])).toBeLessThanOrEqual(1e-10 * Math.max(1, Math.abs(f.statistics[k])));
      }
      expect(s.nanCount).toBe(f.statistics.nanCount);
      // voxel for voxel (gemmi's reordered grid): plane sums and sampled voxels
      const { nx, ny, data } = r.volume;
      for (let z = 0; z < f.planeSums.length; z++) {
        let sum = 0;
        for (let i = z * nx * ny; i < (z + 1) * nx * ny; i++) sum += data[i]!;
        expect(Math.abs(sum - f.planeSums[z]!)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(f.planeSums[z]!)));
      }
      for (const p of f.samples) expect(data[p.x + nx * (p.y + ny * p.z)]).toBe(p.value);
      // raw header fields
      expect(r.header.labels).toEqual(f.header.labels);
      expect([r.header.mapc, r.header.mapr, r.header.maps]).toEqual(f.axisOrder);
      expect(r.header.machst).toEqual(f.header.machst);
      // findings: every mrcfile validator failure, and no other warning or error
      // (MRC_ISPG_ZERO is ours, beyond mrcfile: ISPG 0 for a volume, which MDAnalysis rejects)
      const ours = r.findings.filter((x) => x.severity !== 'INFO').map((x) => x.code);
      expect(ours.filter((c) => c !== 'MRC_ISPG_ZERO').sort()).toEqual(mrcfileCodes(f.mrcfileMessages));
      expect(ours.includes('MRC_ISPG_ZERO')).toBe(f.header.ispg === 0);
      expect(data.buffer).toBeInstanceOf(SharedArrayBuffer);
    });
  }

  it('EMD-3001: axis order 3,1,2 with an extended header, reordered like gemmi', async () => {
    const r = await readMapFile(join(REAL_MAPS_DIR, 'EMD-3001.map'));
    expect(r.geometry.axisOrder).toEqual([3, 1, 2]);
    expect(r.geometry.dimensions).toEqual({ nx: 43, ny: 25, nz: 73 });
    expect(r.geometry.extendedHeader).toEqual({ type: '', bytes: 160 });
    expect(r.findings.map((x) => x.code)).toContain('MRC_AXIS_ORDER_PERMUTED');
    expect(r.findings.map((x) => x.code)).toContain('MRC_ISPG_CRYSTALLOGRAPHIC');
  });

  it('emd_5168_monomer: origin from the ORIGIN field', async () => {
    const r = await readMapFile(join(REAL_MAPS_DIR, 'emd_5168_monomer.mrc'));
    expect(r.geometry.originSource).toBe('ORIGIN');
  });
});

interface ModeFixture {
  file: string;
  mode: number;
  machst: number[];
  dimensions: { nx: number; ny: number; nz: number };
  voxelSize: number[];
  origin: number[];
  values: number[];
  statistics: { min: number; max: number; mean: number; std: number };
  sha256: string;
}

describe('files written by mrcfile in each mode', () => {
  const modes = JSON.parse(readFileSync(join(FIXTURES, 'modes', 'modes.json'), 'utf8')) as ModeFixture[];
  for (const m of modes) {
    it(`${m.file} (mode ${m.mode})`, async () => {
      const r = await readMapFile(join(FIXTURES, 'modes', m.file));
      expect(r.sha256).toBe(m.sha256);
      expect(r.geometry.mode).toBe(m.mode);
      expect(r.geometry.byteOrder).toBe(m.machst[0] === 0x11 ? 'big' : 'little');
      expect(r.geometry.dimensions).toEqual(m.dimensions);
      expect(Array.from(r.volume.data)).toEqual(m.values);
      [r.volume.voxelSize.x, r.volume.voxelSize.y, r.volume.voxelSize.z].forEach((x, i) => expect(x).toBeCloseTo(m.voxelSize[i]!, 6));
      expect([r.volume.origin.x, r.volume.origin.y, r.volume.origin.z]).toEqual(m.origin);
      expect(r.statistics.min).toBe(m.statistics.min);
      expect(r.statistics.max).toBe(m.statistics.max);
      expect(r.statistics.mean).toBeCloseTo(m.statistics.mean, 10);
      expect(r.statistics.std).toBeCloseTo(m.statistics.std, 10);
      // mrcfile writes conforming files: no warnings or errors
      expect(r.findings.filter((x) => x.severity !== 'INFO')).toEqual([]);
    });
  }
});

describe('readMapBuffer', () => {
  it('reads the same as readMapFile', async () => {
    const path = join(REAL_MAPS_DIR, 'emd_5625.map');
    const a = await readMapFile(path);
    const b = readMapBuffer(readFileSync(path));
    expect(b.sha256).toBe(a.sha256);
    expect(b.geometry).toEqual(a.geometry);
    expect(b.statistics).toEqual(a.statistics);
    expect(Buffer.from(b.volume.data.buffer).equals(Buffer.from(a.volume.data.buffer))).toBe(true);
  });
});
