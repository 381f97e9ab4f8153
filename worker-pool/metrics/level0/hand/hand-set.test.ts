/**
 * 0.h on the issue-15 test set (testing/hand-maps.ts): every model in ../shared/data/real/models
 * (one file per entry: 1A8O is there as PDB and mmCIF) rendered at 3.0–5.0 Å with two noise
 * levels, and the Z-mirror of each map. The truth is independent of 0.h: a model's own map has
 * the correct hand (proteins' α-helices are right-handed) and its mirror the wrong one; a model
 * has helices when its Cα trace has a run of ≥ 8 helical residues (P-SEA criteria, checked here
 * against the files' HELIX records). Must show: the right hand on ≥ 95 % of the maps and of the
 * mirrors, no wrong verdict with high confidence, FAILED only where the model has no helices; and
 * since version 5, the model without helices (β-rich 1hpv) is "could not be measured" or right,
 * never wrong. The table printed at the end is the one in the README.
 */
import { readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { REAL_MODELS_DIR } from '../../../paths.js';
import { caHelices, handSetCases, loadHandSetModel as load, HAND_SET_MODELS as MODELS, HAND_SET_RESOLUTIONS, HAND_TUNING_RESOLUTIONS, type HandSetNoise } from '../../../testing/hand-maps.js';
import { HIGH_CONFIDENCE, MEDIUM_CONFIDENCE, computeHand } from './compute.js';
import type { HandAnalysis } from './record.js';
import { HAND_NO_HELICES, HAND_NO_TUBES, HAND_UNDECIDED } from './texts.js';

interface Row {
  model: string;
  helices: number;
  resolution: number;
  noise: HandSetNoise;
  mirror: boolean;
  result: HandAnalysis;
}

const rows: Row[] = [];

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

  for (const { file } of MODELS)
    it(`${file}: every resolution and noise level, map and mirror`, () => {
      for (const c of handSetCases(file)) {
        const result = computeHand(c.volume, { threshold: c.threshold, resolution: c.resolution, voxelSize: c.volume.voxelSize.x });
        rows.push({ model: file, helices: c.helices, resolution: c.resolution, noise: c.noise, mirror: c.mirror, result });
      }
    }, 600_000);

  it('is right on ≥ 95 % of the maps and of the mirrors of models with helices', () => {
    for (const mirror of [false, true]) {
      const set = rows.filter((r) => r.helices > 0 && r.mirror === mirror);
      expect(set.length).toBe(5 * HAND_SET_RESOLUTIONS.length * 2);
      expect(set.filter(isRight).length / set.length).toBeGreaterThanOrEqual(0.95);
    }
  });

  it('is right on ≥ 95 % of the held-out resolutions (3.5, 4.5 Å: not used to choose the constants)', () => {
    const held = rows.filter((r) => r.helices > 0 && !HAND_TUNING_RESOLUTIONS.includes(r.resolution));
    expect(held.length).toBe(5 * 2 * 2 * 2);
    expect(held.filter(isRight).length / held.length).toBeGreaterThanOrEqual(0.95);
  });

  it('gives no wrong verdict with high confidence, nor with medium (any model: a wrong side is only taken with low confidence)', () => {
    expect(rows.filter((r) => isWrong(r) && r.result.confidence! >= MEDIUM_CONFIDENCE).map(describeRow)).toEqual([]);
  });

  it('never takes the wrong side on the model without helices: its maps are "could not be measured" or right', () => {
    const none = rows.filter((r) => r.helices === 0);
    expect(none.length).toBe(HAND_SET_RESOLUTIONS.length * 2 * 2);
    expect(none.filter(isWrong).map(describeRow)).toEqual([]);
    const failed = none.filter((r) => r.result.status === 'FAILED');
    // what version 4 got wrong (4.5 and 5 Å) is now unmeasured, with the vote's numbers kept
    expect(failed.length).toBeGreaterThanOrEqual(none.length / 2);
    for (const r of failed) expect([HAND_UNDECIDED, HAND_NO_HELICES, HAND_NO_TUBES]).toContain(r.result.statusReason);
    for (const r of failed.filter((x) => x.result.statusReason === HAND_UNDECIDED)) {
      expect(r.result.score).toBeNull();
      expect(r.result.confidence!).toBeLessThan(MEDIUM_CONFIDENCE);
    }
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
    if (h.score === null) return h.confidence === null ? `FAILED (${h.tubesFound} tubes)` : `FAILED c ${h.confidence.toFixed(2)} (${h.tubesUsed}/${h.tubesFound})`;
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
  const summary = (label: string, s: Row[]) => {
    const wrong = s.filter(isWrong);
    const worst = wrong.length ? `, highest confidence of a wrong one ${Math.max(...wrong.map((r) => r.result.confidence!)).toFixed(2)}` : '';
    return `${label}: ${s.filter(isRight).length}/${s.length} right, ${wrong.length} wrong${worst} ` +
      `(${wrong.filter((r) => r.result.confidence! >= HIGH_CONFIDENCE).length} with confidence ≥ ${HIGH_CONFIDENCE}, ` +
      `${wrong.filter((r) => r.result.confidence! >= MEDIUM_CONFIDENCE).length} ≥ ${MEDIUM_CONFIDENCE}), ${s.filter((r) => r.result.score === null).length} FAILED.`;
  };
  const tuned = (r: Row) => HAND_TUNING_RESOLUTIONS.includes(r.resolution);
  const helical = all.filter((r) => r.helices > 0), none = all.filter((r) => r.helices === 0);
  lines.push('');
  for (const mirror of [false, true]) lines.push(summary(`${mirror ? 'Mirrors' : 'Maps'} of models with helices`, helical.filter((r) => r.mirror === mirror)));
  lines.push(summary(`Models with helices, tuning resolutions (${HAND_TUNING_RESOLUTIONS.join(', ')} Å), maps and mirrors`, helical.filter(tuned)));
  lines.push(summary('Models with helices, held-out resolutions (3.5, 4.5 Å), maps and mirrors', helical.filter((r) => !tuned(r))));
  lines.push(summary('Models without helices (maps and mirrors)', none));
  return lines.join('\n');
}
