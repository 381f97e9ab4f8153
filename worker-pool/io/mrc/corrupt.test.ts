/**
 * Broken and unusual inputs made here from a real map (emd_5625, 56³ float32): each must give
 * its documented code (a VrsError, never a stack trace) or be read with the right finding.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { isVrsError } from '../../errors.js';
import { REAL_MAPS_DIR } from '../../paths.js';
import { swapBytes } from './decode.js';
import { readMapBuffer, readMapFile, type MapReadOptions } from './read.js';

const REAL = join(REAL_MAPS_DIR, 'emd_5625.map');
const original = new Uint8Array(readFileSync(REAL));
const dir = mkdtempSync(join(tmpdir(), 'vrs-io-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function variant(name: string, edit: (b: Uint8Array, v: DataView) => Uint8Array | void): string {
  const bytes = new Uint8Array(original);
  const out = edit(bytes, new DataView(bytes.buffer)) ?? bytes;
  const path = join(dir, name);
  writeFileSync(path, out);
  return path;
}

async function codeOf(path: string, opts?: MapReadOptions): Promise<string> {
  try {
    await readMapFile(path, opts);
  } catch (error) {
    if (isVrsError(error)) return error.code;
    throw error;
  }
  return 'READ';
}

const codes = (findings: { code: string }[]) => findings.map((f) => f.code);

describe('unreadable files give their code', () => {
  const cases: [string, string, (b: Uint8Array, v: DataView) => Uint8Array | void][] = [
    ['truncated data', 'MAP_TRUNCATED', (b) => b.subarray(0, b.length - 1000)],
    ['header only', 'MAP_TRUNCATED', (b) => b.subarray(0, 1024)],
    ['short header', 'MAP_HEADER_TRUNCATED', (b) => b.subarray(0, 500)],
    ['zero-length', 'MAP_EMPTY_FILE', (b) => b.subarray(0, 0)],
    ['mode 3', 'MAP_UNSUPPORTED_MODE', (_b, v) => v.setInt32(12, 3, true)],
    ['mode 4', 'MAP_UNSUPPORTED_MODE', (_b, v) => v.setInt32(12, 4, true)],
    ['mode 101', 'MAP_UNSUPPORTED_MODE', (_b, v) => v.setInt32(12, 101, true)],
    ['negative NX', 'MAP_BAD_DIMENSIONS', (_b, v) => v.setInt32(0, -56, true)],
    ['zero NZ', 'MAP_BAD_DIMENSIONS', (_b, v) => v.setInt32(8, 0, true)],
    ['huge dimensions', 'MAP_BAD_DIMENSIONS', (_b, v) => { v.setInt32(0, 2_000_000_000, true); v.setInt32(4, 2_000_000_000, true); }],
    ['huge but allowed dimensions', 'MAP_TRUNCATED', (_b, v) => v.setInt32(0, 1000, true)],
    ['axis order 1,1,3', 'MAP_BAD_AXIS_ORDER', (_b, v) => v.setInt32(68, 1, true)],
    ['axis order 0,2,3', 'MAP_BAD_AXIS_ORDER', (_b, v) => v.setInt32(64, 0, true)],
    ['extended header past the end', 'MAP_EXTENDED_HEADER_TRUNCATED', (_b, v) => v.setInt32(92, 10_000_000, true)],
    ['negative NSYMBT', 'MAP_EXTENDED_HEADER_TRUNCATED', (_b, v) => v.setInt32(92, -4, true)],
    ['random bytes', 'MAP_NOT_A_MAP', () => {
      let seed = 12345;
      return Uint8Array.from({ length: 50_000 }, () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff);
    }],
    ['a text file', 'MAP_NOT_A_MAP', () => new TextEncoder().encode('data_1ABC\nloop_\n'.repeat(200))],
    ['gzip ending early', 'MAP_GZIP_CORRUPT', (b) => gzipSync(b).subarray(0, 3000)],
    ['gzip with a bad CRC', 'MAP_GZIP_CORRUPT', (b) => { const g = gzipSync(b); g[g.length - 6]! ^= 0xff; return g; }],
    ['gzip of a truncated map', 'MAP_TRUNCATED', (b) => gzipSync(b.subarray(0, b.length - 4))],
  ];
  for (const [name, code, edit] of cases) {
    it(`${name} → ${code}`, async () => {
      const path = variant(name.replace(/\W+/g, '_'), edit);
      expect(await codeOf(path)).toBe(code);
    });
  }
  it('missing file → MAP_NOT_FOUND', async () => {
    expect(await codeOf(join(dir, 'nope.map'))).toBe('MAP_NOT_FOUND');
  });
  it('a directory → MAP_NOT_FOUND', async () => {
    expect(await codeOf(dir)).toBe('MAP_NOT_FOUND');
  });
  it('readMapBuffer gives the same codes', () => {
    expect(() => readMapBuffer(original.subarray(0, 2000))).toThrow(expect.objectContaining({ code: 'MAP_TRUNCATED' }));
    expect(() => readMapBuffer(gzipSync(original).subarray(0, 100))).toThrow(expect.objectContaining({ code: 'MAP_GZIP_CORRUPT' }));
  });
});

describe('readable but non-conforming files give findings', () => {
  it('gzip: same voxels, hash of the compressed bytes', async () => {
    const gz = gzipSync(original);
    const path = variant('map.gz', () => gz);
    const plain = await readMapFile(REAL);
    const r = await readMapFile(path);
    expect(r.geometry.gzip).toBe(true);
    expect(r.sizeBytes).toBe(gz.length);
    const { createHash } = await import('node:crypto');
    expect(r.sha256).toBe(createHash('sha256').update(gz).digest('hex'));
    expect(Buffer.from(r.volume.data.buffer).equals(Buffer.from(plain.volume.data.buffer))).toBe(true);
    expect(r.statistics).toEqual(plain.statistics);
  });

  it('"MAP" + NUL stamp: read, warning MRC_MAP_STAMP', async () => {
    const r = await readMapFile(variant('mapnul', (b) => { b[211] = 0; }));
    expect(r.findings).toContainEqual(expect.objectContaining({ code: 'MRC_MAP_STAMP', severity: 'WARNING' }));
  });

  it('no map ID but a plausible header (Amira): read, error finding MRC_MAP_STAMP', async () => {
    const r = await readMapFile(variant('nomap', (b) => b.fill(0, 208, 212)));
    expect(r.findings).toContainEqual(expect.objectContaining({ code: 'MRC_MAP_STAMP', severity: 'ERROR' }));
  });

  it('unknown machine stamp (IMOD 44 20 20 20 is fine; 00 00 44 44 warns as gemmi refuses)', async () => {
    const a = await readMapFile(variant('stamp1', (b) => b.set([0x44, 0x20, 0x20, 0x20], 212)));
    expect(a.findings).toContainEqual(expect.objectContaining({ code: 'MRC_MACHINE_STAMP', severity: 'WARNING' }));
    expect(a.geometry.byteOrder).toBe('little');
    const b = await readMapFile(variant('stamp2', (x) => x.set([0, 0, 0x44, 0x44], 212)));
    expect(b.findings).toContainEqual(expect.objectContaining({ code: 'MRC_MACHINE_STAMP', severity: 'ERROR' }));
  });

  it('big-endian stamp on little-endian data: swapped back, MRC_BYTE_ORDER_MISMATCH', async () => {
    const r = await readMapFile(variant('mismatch', (b) => b.set([0x11, 0x11, 0, 0], 212)));
    expect(r.geometry.byteOrder).toBe('little');
    expect(codes(r.findings)).toContain('MRC_BYTE_ORDER_MISMATCH');
    const plain = await readMapFile(REAL);
    expect(r.statistics).toEqual(plain.statistics);
  });

  it('a real map converted to big-endian reads the same', async () => {
    const path = variant('bigendian', (b) => {
      // every header word is numeric except EXTTYP (word 27), MAP (53), MACHST (54) and the labels
      for (let w = 0; w < 56; w++) if (w !== 26 && w !== 52 && w !== 53) swapBytes(b.subarray(4 * w, 4 * w + 4), 4);
      b.set([0x11, 0x11, 0, 0], 212);
      swapBytes(b.subarray(1024), 4);
    });
    const plain = await readMapFile(REAL);
    const r = await readMapFile(path);
    expect(r.geometry.byteOrder).toBe('big');
    expect(r.geometry).toEqual({ ...plain.geometry, byteOrder: 'big' });
    expect(Buffer.from(r.volume.data.buffer).equals(Buffer.from(plain.volume.data.buffer))).toBe(true);
    expect(r.header).toEqual({ ...plain.header, machst: [0x11, 0x11, 0, 0] });
    expect(codes(r.findings)).toEqual(codes(plain.findings));
  });

  it('extra bytes after the data: MRC_FILE_SIZE', async () => {
    const r = await readMapFile(variant('longer', (b) => { const o = new Uint8Array(b.length + 7); o.set(b); return o; }));
    expect(codes(r.findings)).toContain('MRC_FILE_SIZE');
  });

  it('wrong header statistics, bad version, label count, cell 0', async () => {
    const r = await readMapFile(variant('stats', (b, v) => {
      v.setFloat32(76, -100, true); // DMIN
      v.setFloat32(84, 50, true); // DMEAN
      v.setFloat32(216, 123, true); // RMS
      v.setInt32(220, 3, true); // NLABL
      v.setFloat32(44, 0, true); // CELLA.y = 0
      v.setInt32(88, 0, true); // ISPG 0
    }));
    const c = codes(r.findings);
    for (const code of ['MRC_MINMAX_MISMATCH', 'MRC_MEAN_MISMATCH', 'MRC_RMS_MISMATCH', 'MRC_LABELS', 'MRC_VERSION', 'MRC_VOXEL_SIZE_DEFAULTED', 'MRC_ISPG_ZERO']) {
      expect(c).toContain(code);
    }
    expect(r.geometry.voxelSize.y).toBe(1);
  });

  it('mrcfile rules 4, 5, 7, 8, 10 and gemmi\'s extended-header limit', async () => {
    const r = await readMapFile(variant('rules', (b, v) => {
      v.setInt32(28, -1, true); // MX < 0 (rule 4)
      v.setFloat32(48, -5, true); // CELLA.z < 0 (rule 5)
      v.setInt32(88, 401, true); // ISPG volume stack ...
      v.setInt32(36, 5, true); // ... MZ 5 does not divide NZ 56 (rule 7)
      b.fill(0x20, 224, 304); // label 1 blank, label 2 with text (rule 8)
      b.set(new TextEncoder().encode('second label'), 304);
      v.setInt32(220, 1, true);
    }));
    const c = codes(r.findings);
    for (const code of ['MRC_NEGATIVE_FIELD', 'MRC_NEGATIVE_CELL', 'MRC_VOLUME_STACK', 'MRC_LABELS', 'MRC_VOXEL_SIZE_DEFAULTED']) expect(c).toContain(code);
    expect(r.findings.find((f) => f.code === 'MRC_LABELS')!.message).toMatch(/blank label comes before/);

    // a known EXTTYP is INFO; more than 10^6 words is an ERROR finding (gemmi refuses) but readable
    const ext = 4_000_004;
    const big = await readMapFile(variant('bigext', (b) => {
      const o = new Uint8Array(b.length + ext);
      o.set(b.subarray(0, 1024));
      o.set(b.subarray(1024), 1024 + ext);
      new DataView(o.buffer).setInt32(92, ext, true);
      o.set(new TextEncoder().encode('CCP4'), 104);
      return o;
    }));
    expect(big.geometry.extendedHeader).toEqual({ type: 'CCP4', bytes: ext });
    expect(big.findings).toContainEqual(expect.objectContaining({ code: 'MRC_EXTENDED_HEADER', severity: 'INFO' }));
    expect(big.findings).toContainEqual(expect.objectContaining({ code: 'MRC_EXTENDED_HEADER_TOO_LONG', severity: 'ERROR' }));
    const plain = await readMapFile(REAL);
    expect(big.statistics).toEqual(plain.statistics);
  });

  it('undetermined header statistics (mrcfile sentinels) give INFO only', async () => {
    const r = await readMapFile(variant('undet', (_b, v) => {
      v.setFloat32(76, 0, true); v.setFloat32(80, -1, true); v.setFloat32(84, -2, true); v.setFloat32(216, -1, true);
    }));
    const c = codes(r.findings);
    expect(c).toEqual(expect.arrayContaining(['MRC_MINMAX_UNDETERMINED', 'MRC_MEAN_UNDETERMINED', 'MRC_RMS_UNDETERMINED']));
    expect(c).not.toContain('MRC_RMS_MISMATCH');
  });

  it('NaN voxels are counted and left out of the statistics', async () => {
    const r = await readMapFile(variant('nan', (_b, v) => { v.setFloat32(1024, NaN, true); v.setFloat32(1028, Infinity, true); }));
    expect(r.statistics.nanCount).toBe(2);
    expect(Number.isFinite(r.statistics.mean)).toBe(true);
    expect(codes(r.findings)).toContain('MRC_NAN_VALUES');
  });
});

describe('maxDecompressedBytes: a .gz may not expand beyond the limit (decompression bombs)', () => {
  const gz = gzipSync(original);
  const decoded = original.length; // header + data of emd_5625: what the .gz decompresses to

  it('refuses a .gz whose header promises more bytes than the limit, with MAP_TOO_LARGE', async () => {
    const path = variant('limit.map.gz', () => gz);
    const error = await readMapFile(path, { maxDecompressedBytes: decoded - 1 }).then(() => null, (e: unknown) => e);
    expect(error).toMatchObject({ code: 'MAP_TOO_LARGE', message: expect.stringContaining(`decompresses to ${decoded} bytes (56×56×56 voxels, mode 2)`) });
    expect(() => readMapBuffer(gz, { maxDecompressedBytes: decoded - 1 })).toThrow(expect.objectContaining({ code: 'MAP_TOO_LARGE' }));
  });

  it('reads one at the limit, and plain files whatever their size (their size is known before reading)', async () => {
    const path = variant('limit2.map.gz', () => gz);
    expect((await readMapFile(path, { maxDecompressedBytes: decoded })).geometry.gzip).toBe(true);
    expect(readMapBuffer(gz, { maxDecompressedBytes: decoded }).sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await readMapFile(REAL, { maxDecompressedBytes: 1000 })).geometry.gzip).toBe(false);
  });

  it('refuses a 1000:1 .gz (64 MiB of zeros in 65 kB) from its header', async () => {
    const header = new Uint8Array(original.subarray(0, 1024));
    const v = new DataView(header.buffer);
    v.setInt32(0, 1024, true); v.setInt32(4, 1024, true); v.setInt32(8, 64, true); v.setInt32(12, 0, true); // mode 0: 64 MiB
    const bomb = gzipSync(Buffer.concat([header, Buffer.alloc(1024 * 1024 * 64)]), { level: 9 });
    expect(bomb.length).toBeLessThan(100_000);
    const path = variant('bomb.map.gz', () => bomb);
    expect(await codeOf(path)).toBe('READ'); // without a limit: read (64 MiB int8 → 256 MiB float32)
    expect(await codeOf(path, { maxDecompressedBytes: 8 * 2 ** 20 })).toBe('MAP_TOO_LARGE');
  });
});
