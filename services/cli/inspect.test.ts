/** `vrs inspect` through the real CLI binary (bin/vrs.js on the compiled output). */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REAL_MAPS_DIR, REPO_ROOT } from '../../worker-pool/paths.js';

const run = promisify(execFile);
const fixture = JSON.parse(readFileSync(join(REPO_ROOT, 'worker-pool', 'io', 'fixtures', 'real_maps.json'), 'utf8')) as {
  maps: { file: string; sha256: string; voxelSize: number[]; origin: number[]; originSource: string; statistics: Record<string, number> }[];
};

async function vrs(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [join(REPO_ROOT, 'bin', 'vrs.js'), ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('vrs inspect', () => {
  it('--json prints the GraphQL Map record (EMD-3001)', async () => {
    const r = await vrs('inspect', join(REAL_MAPS_DIR, 'EMD-3001.map'), '--json');
    expect(r.code).toBe(0);
    const map = JSON.parse(r.stdout);
    const f = fixture.maps.find((m) => m.file === 'EMD-3001.map')!;
    expect(map.id).toBe(f.sha256);
    expect(map.name).toBe('EMD-3001.map');
    expect(map.dimensions).toEqual({ x: 43, y: 25, z: 73 });
    expect(map.axisOrder).toEqual([3, 1, 2]);
    expect(map.originSource).toBe('NSTART');
    expect(map.voxelSize.x).toBeCloseTo(f.voxelSize[0]!, 9);
    expect(map.origin.y).toBeCloseTo(f.origin[1]!, 9);
    expect(map.statistics.std).toBeCloseTo(f.statistics.std!, 9);
    expect(map.header.mapc).toBe(3);
    expect(map.header.nsymbt).toBe(160);
    expect(map.formatIssues.map((i: { code: string }) => i.code)).toEqual(expect.arrayContaining(['MRC_VERSION', 'MRC_EXTTYP']));
    expect(Object.keys(map)).toEqual(expect.arrayContaining(['id', 'name', 'sizeBytes', 'header', 'dimensions', 'voxelSize', 'origin', 'statistics', 'formatIssues', 'contourLevel', 'reportedResolution', 'emdb']));
  });

  it('prints a human-readable report with header vs data statistics', async () => {
    const r = await vrs('inspect', join(REAL_MAPS_DIR, 'emd_5168_monomer.mrc'));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/axis order\s+MAPC\/MAPR\/MAPS = 1 2 3/);
    expect(r.stdout).toMatch(/origin\s+-33\.098 {2}-24\.388 {2}-90\.584 Å {2}\(from the ORIGIN field\)/);
    expect(r.stdout).toMatch(/std \(RMS\)\s+0\s+4\.4725/);
    expect(r.stdout).toMatch(/WARNING\s+MRC_RMS_MISMATCH/);
  });

  it('adds EMDB metadata from --emdb-header', async () => {
    const r = await vrs('inspect', join(REAL_MAPS_DIR, 'emd_1997.map'), '--json', '--emdb-header', join(REAL_MAPS_DIR, 'emd_1997_header.xml'));
    expect(r.code).toBe(0);
    const map = JSON.parse(r.stdout);
    expect(map.contourLevel).toBe(1);
    expect(map.reportedResolution).toBe(7);
    expect(map.emdb.id).toBe('EMD-1997');
  });

  it('bad input exits 2 with the error code on stderr, no stack trace', async () => {
    const missing = await vrs('inspect', '/nonexistent/x.map');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^vrs: error \[MAP_NOT_FOUND\]: /);
    const notMap = await vrs('inspect', join(REAL_MAPS_DIR, 'emd_1997_header.xml'));
    expect(notMap.code).toBe(2);
    expect(notMap.stderr).toMatch(/\[MAP_NOT_A_MAP\]/);
    expect(notMap.stderr).not.toMatch(/\n\s+at /);
  });
});
