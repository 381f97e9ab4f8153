/** 0.h Hand: helix template matching, the DeepHand stand-in (level0.md Decision 3). */
import { float, int, list, string } from '../../record-schema.js';
import { sectionSchema } from '../../section-record.js';
import { emptySectionBase, type SectionDeclaration } from '../../levels.js';
import type { MetricDefinition } from '../../types.js';
import type { HandAnalysis } from './record.js';
import { HAND_TITLE } from './texts.js';
import { HAND_VERSION, MEDIUM_CONFIDENCE, SYSTEMATIC_DELTA, computeHand } from './compute.js';

export const handSection: SectionDeclaration<HandAnalysis> = {
  field: 'hand',
  id: '0.h',
  title: HAND_TITLE,
  description: '0.h',
  record: sectionSchema<HandAnalysis>()('HandAnalysis', { description: '0.h Hand analysis' }, {
    score: float('hand score, 0 = correct hand, 1 = mirrored; null when it could not be measured').orNull(),
    helicesFound: int('number of density tubes that match an ideal α-helix and vote (= tubesUsed)'),
    evidence: list(string(), 'what the score rests on, in sentences'),
    tubesFound: int('density tubes of 8 Å or more found inside the mask'),
    tubesUsed: int('tubes that match an α-helix and vote'),
    weightedScore: float('weighted mean over the voting tubes of ΔNCC (right − left, plus 0.2 × the layer-line contrast); > 0 favours the correct hand; null when no tube votes (kept when a vote of low confidence leaves the hand unmeasured)').orNull(),
    confidence: float(`how sure the vote is of its side, 2Φ(|z|) − 1 with z the weighted score over its standard error, the tubes' spread over √n_eff and a systematic ${SYSTEMATIC_DELTA} per map in quadrature (0–1; ≥ 0.95 is high, ≥ ${MEDIUM_CONFIDENCE} medium; below ${MEDIUM_CONFIDENCE} the hand is not measured: status FAILED, score null); null when no tube votes`).orNull(),
  }),
  metric: {
    name: 'level0.hand',
    version: HAND_VERSION,
    cost: 0.15, // CPU-s per million voxels (bench hand at 400³, 1.5 Å, R 4 Å: 9.5 CPU-s)
    memory: 6, // one spectrum (the smoothed, then the matched map written into it): 5.0 B/voxel measured at 400³ (8.5 with two spectra, 12.2 before irfft3dInPlace)
    dependsOn: [],
    keyParams: ['threshold', 'resolution', 'voxelSize'],
    compute(ctx) {
      return computeHand(ctx.volume, ctx.params, { progress: (f, p) => ctx.progress(f, p) });
    },
  } satisfies MetricDefinition<HandAnalysis>,
  empty: (status, reason) => ({ score: null, helicesFound: 0, evidence: [], tubesFound: 0, tubesUsed: 0, weightedScore: null, confidence: null, ...emptySectionBase('0.h', HAND_TITLE, status, reason) }),
  abstract: { ok: null, warn: (n) => `There seems to be a problem with its hand (see Sec. ${n}).` },
  ranked: [{ path: 'score', label: '0.h Hand score', unit: '', better: 'lower' }],
};
