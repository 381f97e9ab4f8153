/**
 * 0.h on the issue-15 test set (testing/hand-maps.ts): every model in ../shared/data/real/models
 * (one file per entry: 1A8O is there as PDB and mmCIF) rendered at 3.0–5.0 Å with two noise
 * levels, and the Z-mirror of each map. The truth is independent of 0.h: a model's own map has
 * the correct hand (proteins' α-helices are right-handed) and its mirror the wrong one; a model
 * has helices when its Cα trace has a run of ≥ 8 helical residues (P-SEA criteria, checked here
 * against the files' HELIX records). Must show: the right hand on ≥ 95 % of the maps and of the
 * mirrors, no wrong verdict with high confidence, FAILED only where the model has no helices.
 * The table printed at the end is the one in the README.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REAL_MODELS_DIR } from '../../../paths.js';
import { modelFromBytes, type ModelInput } from '../../../io/model.js';
import { readModelBytes } from '../../../io/pdb.js';
import { caHelices, chainBox, handSetMap, mirrorZ, HAND_SET_NOISE, HAND_SET_RESOLUTIONS } from '../../../testing/hand-maps.js';
import { HIGH_CONFIDENCE, computeHand } from './compute.js';
import type { HandAnalysis } from './record.js';

/** One file per model entry; the 14-mer GroEL (1oel) is cropped to its chain A (box around it, neighbours' density kept). */
const MODELS: { file: string; crop?: string }[] = [
  { file: '1A8O.pdb.gz' }, { file: '1J6Z.pdb' }, { file: '1hpv_pymol.pdb' }, { file: '1oel.pdb', crop: 'A' },
  { file: '3MFP_tempy_modeller.pdb' }, { file: '7DDO.pdb.gz' },
];

interface Row {
  model: string;
  helices: number;
  resolution: number;
  noise: keyof typeof HAND_SET_NOISE;
  mirror: boolean;
  result: HandAnalysis;
}

const rows: Row[] = [];
const load = (file: string): ModelInput => modelFromBytes(readModelBytes(join(REAL_MODELS_DIR, file)), file).model;

/** Right: the map OK (score < 0.4), the mirror flagged as flipped (score > 0.5). */
const isRight = (r: Row) => r.result.score !== null && (r.mirror ? r.result.score > 0.5 : r.result.score < 0.4);
/** Wrong: the verdict takes the other side (score ≥ 0.5 on a map, < 0.5 on a mirror). */
const isWrong = (r: Row) => r.result.score !== null && (r.mirror ? r.result.score < 0.5 : r.result.score >= 0.5);

describe('0.h test set: real models at 3–5 Å, two noise levels, and their mirrors', () => {
  it('covers every model file in the shared folder', () => {
    const entries = new Set(readdirSync(REAL_MODELS_DIR).map((f) => f.split('.')[0]!.slice(0, 4).toUpperCase()));
    expect(new Set(MODELS.map((m) => m.file.slice(0, 4).toUpperCase()))).toEqual(entries);
  });

  it('the Cα helix assignment agrees with the HELIX records of 1A8O and says 1hpv has none of two turns', () => {
    // 1A8O HELIX records: 161–175, 179–187, 189–192, 196–205, 211–217
    const h = caHelices(load('1A8O.pdb.gz'));
    expect(h.length).toBeGreaterThanOrEqual(2);
    for (const x of h) expect([[161, 175], [179, 187], [196, 205], [211, 217]].some(([a, b]) => x.first <= b! && x.last >= a!)).toBe(true);
    // 1hpv: the only HELIX records are 87–90 in each chain (one turn)
    expect(caHelices(load('1hpv_pymol.pdb'))).toEqual([]);
  });

  for (const { file, crop } of MODELS)
    it(`${file}: every resolution and noise level, map and mirror`, () => {
      const model = load(file);
      const helices = caHelices(model).length;
      for (const resolution of HAND_SET_RESOLUTIONS)
        for (const noise of Object.keys(HAND_SET_NOISE) as (keyof typeof HAND_SET_NOISE)[]) {
          const m = handSetMap(model, { resolution, noise: HAND_SET_NOISE[noise], crop: crop ? chainBox(model, crop) : undefined });
          for (const mirror of [false, true]) {
            const volume = mirror ? mirrorZ(m.volume) : m.volume;
            const result = computeHand(volume, { threshold: m.threshold, resolution, voxelSize: volume.voxelSize.x });
            rows.push({ model: file, helices, resolution, noise, mirror, result });
          }
        }
    }, 600_000);

  it('is right on ≥ 95 % of the maps and of the mirrors of models with helices', () => {
    for (const mirror of [false, true]) {
      const set = rows.filter((r) => r.helices > 0 && r.mirror === mirror);
      expect(set.length).toBe(5 * HAND_SET_RESOLUTIONS.length * 2);
      expect(set.filter(isRight).length / set.length).toBeGreaterThanOrEqual(0.95);
    }
  });

  it('gives no wrong verdict with high confidence (any model)', () => {
    expect(rows.filter((r) => isWrong(r) && r.result.confidence! >= HIGH_CONFIDENCE).map(describeRow)).toEqual([]);
  });

  it('is FAILED only where the model has no helices', () => {
    expect(rows.filter((r) => r.result.status === 'FAILED' && r.helices > 0).map(describeRow)).toEqual([]);
    for (const r of rows) expect(r.result.status).not.toBe('NOT_APPLICABLE');
  });

  afterAll(() => {
    if (rows.length) console.log(resultsTable(rows));
  });
});

function describeRow(r: Row): string {
  return `${r.model} ${r.resolution} Å ${r.noise}${r.mirror ? ' mirror' : ''}: ${r.result.status} ${r.result.score} (${r.result.confidence})`;
}

/** Markdown: one line per model and resolution, both noise levels, map | mirror. */
function resultsTable(all: Row[]): string {
  const cell = (r: Row | undefined) => {
    if (!r) return '';
    const h = r.result;
    if (h.score === null) return `FAILED (${h.tubesFound} tubes)`;
    const mark = isRight(r) ? '✓' : isWrong(r) ? '✗' : '?';
    return `${mark} ${h.score.toFixed(2)} c ${h.confidence!.toFixed(2)} (${h.tubesUsed}/${h.tubesFound})`;
  };
  const lines = [
    '| model (Cα helices ≥ 2 turns) | R (Å) | low noise: map | mirror | high noise: map | mirror |',
    '|---|---|---|---|---|---|',
  ];
  for (const { file } of MODELS)
    for (const res of HAND_SET_RESOLUTIONS) {
      const at = (noise: string, mirror: boolean) => all.find((r) => r.model === file && r.resolution === res && r.noise === noise && r.mirror === mirror);
      const first = at('low', false);
      if (!first) continue;
      lines.push(`| ${file} (${first.helices}) | ${res} | ${cell(first)} | ${cell(at('low', true))} | ${cell(at('high', false))} | ${cell(at('high', true))} |`);
    }
  const helical = all.filter((r) => r.helices > 0);
  for (const mirror of [false, true]) {
    const s = helical.filter((r) => r.mirror === mirror);
    lines.push(`\n${mirror ? 'Mirrors' : 'Maps'} of models with helices: ${s.filter(isRight).length}/${s.length} right, ${s.filter(isWrong).length} wrong ` +
      `(${s.filter((r) => isWrong(r) && r.result.confidence! >= HIGH_CONFIDENCE).length} with confidence ≥ ${HIGH_CONFIDENCE}), ` +
      `${s.filter((r) => r.result.score === null).length} FAILED.`);
  }
  return lines.join('\n');
}
