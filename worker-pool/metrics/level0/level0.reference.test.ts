/**
 * 0.a–0.d on real maps against the independent numpy/scipy implementation
 * (fixtures/level0_reference.py → fixtures/level0_reference.json; command line in the script):
 * emd_1997.map (GroEL, threshold 1.0 and resolution 7 Å from its EMDB header XML, Ts 2.02 Å)
 * and emd_5168.map (Ts 1.742 Å; threshold = the estimated "1 % of voxels above" level,
 * resolution 6 Å chosen for the test). Every number to 1e-4 relative, both profiles.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REAL_MAPS_DIR, REPO_ROOT } from '../../paths.js';
import { readMapFile } from '../../io/mrc/read.js';
import { shutdownFftThreads } from '../../kernels/fft/fft3d.js';
import type { Volume } from '../../volume.js';
import type { ArtifactRef, CriteriaProfile, Level0Params, MetricContext } from '../types.js';
import { level0Metrics } from './index.js';
import { estimateThreshold, resolveThreshold, resolveVoxelSize } from './inputs.js';
import { parseEmdbHeader } from '../../io/emdb-header.js';
import { levelAbstracts, summarize } from '../summary.js';
import { PRODUCT_LEVELS } from '../catalogue.js';
import { LEVEL0 } from './level.js';
import type { Image } from '../section-record.js';
import type { InputData } from './input-data/record.js';
import type { MassAnalysis } from './mass/record.js';
import type { MaskAnalysis } from './mask/record.js';
import type { BackgroundAnalysis } from './background/record.js';
import type { BFactorAnalysis } from './bfactor/record.js';

interface Fixture {
  cases: any[];
}
const fixture: Fixture = JSON.parse(
  readFileSync(join(REPO_ROOT, 'worker-pool', 'metrics', 'level0', 'fixtures', 'level0_reference.json'), 'utf8'),
);

function close(a: number, b: number, what: string, rel = 1e-4, abs = 1e-9): void {
  const ok = Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b)) + abs;
  if (!ok) throw new Error(`${what}: got ${a}, expected ${b}`);
}

/** Runs metrics in dependency order with an in-memory artifact store. */
async function runAll(volume: Volume, params: Level0Params): Promise<Record<string, any>> {
  const blobs = new Map<string, Uint8Array>();
  const results: Record<string, any> = {};
  const ctx = (deps: Record<string, unknown>): MetricContext => ({
    volume,
    params,
    deps,
    putArtifact(bytes: Uint8Array, mediaType: string, role: string): ArtifactRef {
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      blobs.set(sha256, bytes.slice());
      return { sha256, mediaType, role, sizeBytes: bytes.byteLength };
    },
    readArtifact: (sha) => blobs.get(sha)!,
    progress: () => undefined,
  });
  // this test's metrics only (0.e–0.h are tested by their own files)
  const mine = ['level0.masks', 'level0.softMask', 'level0.inputData', 'level0.mass', 'level0.mask', 'level0.background', 'level0.bFactor', 'level0.resampled'];
  for (const m of level0Metrics.filter((x) => mine.includes(x.name))) {
    const deps = Object.fromEntries(m.dependsOn.map((n) => [n, results[n]]));
    results[m.name] = await m.compute(ctx(deps));
  }
  return results;
}

const indices = (imgs: Image[]) => Object.fromEntries(imgs.map((i) => [i.axis, i.index]));

afterAll(() => shutdownFftThreads());

for (const c of fixture.cases) {
  describe(`${c.map} (threshold ${c.threshold}, resolution ${c.resolution} Å, Ts ${c.voxelSize} Å)`, () => {
    let volume: Volume;
    beforeAll(async () => {
      volume = (await readMapFile(join(REAL_MAPS_DIR, c.map))).volume;
    });

    if (c.map === 'emd_1997.map') {
      it('threshold 1.0, resolution 7 Å and Ts 2.02 Å are those of its EMDB header XML', () => {
        const h = parseEmdbHeader(readFileSync(join(REAL_MAPS_DIR, 'emd_1997_header.xml'), 'utf8'));
        expect(resolveThreshold({ emdbContour: h.contourLevel, data: volume.data })).toEqual({ threshold: c.threshold, source: 'EMDB_HEADER' });
        expect(h.reportedResolution).toBe(c.resolution);
        expect(h.pixelSize!.x).toBe(c.voxelSize);
        expect(resolveVoxelSize(volume)).toBeCloseTo(c.voxelSize, 5);
      });
    }
    if (c.map === 'emd_5168.map') {
      it('the estimated threshold (1 % of voxels above) equals numpy.percentile(V, 99)', () => {
        close(estimateThreshold(volume.data), c.threshold, 'threshold', 1e-12);
      });
    }

    for (const profile of ['standard', 'vrs-2024'] as CriteriaProfile[]) {
      it(`profile ${profile}: masks, figures and every number of 0.a–0.d`, async () => {
        const r = await runAll(volume, { threshold: c.threshold, resolution: c.resolution, profile, voxelSize: c.voxelSize });
        const ref = c[profile];
        // masks
        expect(r['level0.masks'].rawMaskVoxels).toBe(c.rawMaskVoxels);
        expect(r['level0.masks'].hardMaskVoxels).toBe(c.hardMaskVoxels);
        expect(r['level0.masks'].dilations).toBe(c.dilations);
        // figures: slice indices
        const inp = r['level0.inputData'] as InputData;
        expect(indices(inp.maxVarianceSlices)).toEqual(c.figures.maxVarianceMap);
        expect(indices(inp.hardMaskSlices)).toEqual(c.figures.maxVarianceHard);
        expect(indices(inp.softMaskSlices)).toEqual(c.figures.maxVarianceSoft);
        expect(inp.centralSlices.map((i) => i.index)).toEqual([50, 50, 50]);
        expect(inp.projections).toHaveLength(3);

        // 0.a
        const mass = r['level0.mass'] as MassAnalysis;
        for (const k of ['leftSpace', 'rightSpace', 'decenteringRatio', 'centerOfMass', 'centerOfMassDecentering'] as const)
          for (const a of ['x', 'y', 'z'] as const) close(mass[k][a], ref.mass[k][a], `0.a ${k}.${a}`, 1e-4, 1e-9);
        expect(mass.warnings.length).toBe(ref.mass.warningCount);

        // 0.b
        const mask = r['level0.mask'] as MaskAnalysis;
        const m = ref.mask;
        for (const k of ['connectedComponents', 'totalVoxels', 'componentsTo95', 'remainingComponents', 'remainingMaxVoxels', 'remainingMinVoxels', 'hardMaskVoxels'] as const)
          expect(mask[k], `0.b ${k}`).toBe(m[k]);
        for (const k of ['totalVolume', 'remainingAverageVoxels', 'remainingAverageVolume', 'percentOutsideLargest', 'hardMaskVolume', 'overlap'] as const)
          close(mask[k], m[k], `0.b ${k}`);
        expect(mask.components.length).toBe(m.components.length);
        mask.components.forEach((row, i) => {
          const e = m.components[i];
          expect(row.voxels).toBe(e[0]);
          close(row.volume, e[1], `0.b row ${i} volume`);
          close(row.percentage, e[2], `0.b row ${i} %`);
          close(row.cumulativePercentage, e[3], `0.b row ${i} cum %`);
        });
        expect(mask.massTable.length).toBe(m.massTable.length);
        mask.massTable.forEach((row, i) => {
          const e = m.massTable[i];
          close(row.threshold, e[0], `mass table ${i} threshold`, 1e-12);
          expect(row.voxels).toBe(e[1]);
          close(row.molecularMassKDa, e[2], `mass table ${i} kDa`);
          close(row.aminoAcids, e[3], `mass table ${i} aa`);
        });
        expect(mask.warnings.length).toBe(m.warningCount);
        expect(indices(mask.rawMaskSlices)).toEqual(c.figures.maxVarianceRaw);

        // 0.c
        const bg = r['level0.background'] as BackgroundAnalysis;
        for (const k of ['tStatistic', 'pValue', 'mean', 'standardDeviation', 'percentBeyond5Sigma', 'percentGaussian', 'ratio'] as const)
          close(bg[k], c.background[k], `0.c ${k}`, 1e-4, 1e-300);
        expect(bg.backgroundVoxels).toBe(c.background.backgroundVoxels);
        expect(bg.warnings.length).toBe(c.background.warningCount);
        expect(indices(bg.outlierSlices)).toEqual(c.figures.maxVarianceBackground5Sigma);

        // 0.d
        const bf = r['level0.bFactor'] as BFactorAnalysis;
        const b = ref.bFactor;
        expect(bf.fitPoints).toBe(b.fitPoints);
        close(bf.bFactor!, b.bFactor, '0.d B');
        close(bf.slope!, b.slope, '0.d slope');
        close(bf.intercept!, b.intercept, '0.d intercept');
        expect(bf.status).toBe(b.status);
        expect(bf.guinier.length).toBe(b.guinier.length);
        bf.guinier.forEach((p, i) => {
          const e = b.guinier[i];
          close(p.inverseResolutionSquared, e[0], `guinier ${i} x`, 1e-12);
          close(p.lnAmplitude, e[1], `guinier ${i} lnF`, 1e-4, 1e-5);
          close(p.lnAmplitudeCorrected, e[2], `guinier ${i} lnF corrected`, 1e-4, 1e-5);
          expect(p.inFit).toBe(e[3]);
        });
        expect(indices(bf.sharpenedSlices)).toEqual(c.figures.maxVarianceSharpened);

        // resampled to Ts' = R/2 for 0.f/0.g: box 2·floor(X·Ts/Ts'/2), masks rebuilt there
        const rs = r['level0.resampled'];
        const box = 2 * Math.floor((100 * c.voxelSize) / (c.resolution / 2) / 2);
        expect(rs.dims).toEqual({ nx: box, ny: box, nz: box });
        expect(rs.dilations).toBe(Math.ceil(2 / (c.resolution / 2)));
        expect(rs.hardMaskVoxels).toBeGreaterThan(0);

        // summary of the four sections: all four are evaluable, each has warnings here
        const s = summarize({ sections: [mass, mask, bg, bf], resolutionEstimates: [], reportedResolution: c.resolution, abstracts: levelAbstracts(PRODUCT_LEVELS, LEVEL0) });
        expect(s.evaluable).toBe(4);
        expect(s.score).toBe([mass, mask, bg, bf].filter((x) => x.warnings.length === 0).length);
      });
    }
  });
}
