/**
 * The summary's words (issue 17.3, 17.4): an estimated threshold is said to be estimated, by
 * which rule and how to give one; the no-resolution notice names --resolution; the resolution
 * sentence gives each local estimate's median and 2.5–97.5 % range (not "goes from X to X with
 * an average of X"); and no Level 0 text speaks of a "suggested" threshold.
 */
import { describe, expect, it } from 'vitest';
import { PRODUCT_LEVELS } from '../catalogue.js';
import { sectionBase } from './section.js';
import { levelAbstracts, summarize } from '../summary.js';
import { LEVEL0 } from './level.js';
import type { LocalAnalysis } from './local-record.js';
import { MASK_EXPLANATION, maskCriteria, maskWarnings } from './mask/texts.js';
import { NO_RESOLUTION_NOTICE } from './texts.js';

const base = (status: 'OK' | 'NOT_APPLICABLE') =>
  sectionBase('0.e', { title: '0.e Local resolution', explanation: '', criteria: '', algorithm: '', algorithmVersion: '1' }, [],
    status === 'OK' ? undefined : { status, reason: 'r' });

function localResolution(status: 'OK' | 'NOT_APPLICABLE'): LocalAnalysis {
  // emd_1997's 0.e percentiles (vrs validate emd_1997.map --emdb-header emd_1997_header.xml)
  return { ...base(status), method: 'MonoRes (single map)', unit: 'Å', percentiles: { p2_5: 5.941176, p25: 8.08, p50: 10.100000381, p75: 10.8916, p97_5: 11.413039 },
    reportedResolutionPercentile: 0, histogram: null, voxels: 100, mapSha256: null, views: [] };
}

const summaryOf = (over: Partial<Parameters<typeof summarize>[0]>) => summarize({
  sections: [], resolutionEstimates: [], reportedResolution: 7, abstracts: levelAbstracts(PRODUCT_LEVELS, LEVEL0),
  estimatedThresholdNotice: LEVEL0.estimatedThresholdNotice ?? null, ...over,
});

describe('Level 0 summary words', () => {
  it("prints 0.e's median and 2.5–97.5 % range, from its percentiles", () => {
    const estimates = LEVEL0.resolutionEstimates!({ localResolution: localResolution('OK') });
    const s = summaryOf({ resolutionEstimates: estimates });
    const sentence = s.abstract.find((x) => x.startsWith('Resolution estimated by the analyses:'));
    expect(sentence).toBe('Resolution estimated by the analyses: 0.e Local resolution by MonoRes (single map), median 10.1 Å, 2.5–97.5 % range 5.9–11.4 Å. ' +
      'The resolution reported by the user was 7 Å. The resolution reported may be over-estimated.');
    expect(sentence).not.toMatch(/goes from|average/);
    expect(s.resolutionEstimates).toEqual({ min: 10.100000381, max: 10.100000381, mean: 10.100000381 });
    expect(LEVEL0.resolutionEstimates!({ localResolution: localResolution('NOT_APPLICABLE') })).toEqual([]);
  });

  it('a single value (a global estimate) is printed as such', () => {
    const s = summaryOf({ resolutionEstimates: [4.2] });
    expect(s.abstract.at(-1)).toMatch(/^Resolution estimated by the analyses: estimate, 4\.2 Å\. /);
  });

  it('an estimated threshold is said to be estimated, by which rule and how to give one; a given one is not', () => {
    const estimated = summaryOf({ threshold: { value: 15.490312, source: 'ESTIMATED' } }).abstract;
    const notice = estimated.find((x) => x.startsWith('No threshold was given'));
    expect(notice).toBe('No threshold was given: the threshold 15.4903 was estimated as the level above which 1 % of the voxels lie, ' +
      "and the masks (0.b) and the analyses that use them rest on it. To use the map's contour level instead, give it with --threshold T, " +
      'or its EMDB header with --emdb-header XML (GraphQL: the threshold argument, or setMapMetadata).');
    for (const source of ['USER', 'EMDB_HEADER'] as const) {
      expect(summaryOf({ threshold: { value: 1, source } }).abstract.some((x) => x.startsWith('No threshold was given'))).toBe(false);
    }
  });

  it('the no-resolution notice names --resolution', () => {
    expect(NO_RESOLUTION_NOTICE).toContain('--resolution R');
    expect(summaryOf({ reportedResolution: null }).abstract).toContain(NO_RESOLUTION_NOTICE);
  });

  it('no Level 0 text speaks of a "suggested" threshold (the user may not have suggested one)', () => {
    const abstracts = Object.values(levelAbstracts(PRODUCT_LEVELS, LEVEL0)).flatMap((a) => [a.ok ?? '', a.warn]);
    const texts = [MASK_EXPLANATION, maskCriteria('standard'), maskCriteria('vrs-2024'), ...Object.values(maskWarnings).map((w) => (typeof w === 'function' ? w(1) : w)), ...abstracts];
    expect(texts.filter((t) => /suggested/i.test(t))).toEqual([]);
  });
});
