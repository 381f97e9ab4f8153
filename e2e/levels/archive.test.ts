/**
 * Issue 20 through the gateway: the archive checks as lazily computed fields of `Map.archive`
 * (emd_1997 registered with its EMDB header: the expected volume from its 0.8 MDa), and `rank`
 * on a section (one map in its bin, then two).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestStack, type TestStack } from '../testing/stack.js';

describe('archive checks and ranks in GraphQL', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('Map.archive: the four sections, the expected volume from the header, an unscored summary line', async () => {
    const reg = await stack.gql(`mutation { registerMap(input: { path: "emd_1997.map", emdbHeaderPath: "emd_1997_header.xml" }) { id emdb { molecularMass } } }`);
    expect(reg.errors).toBeUndefined();
    const { id, emdb } = reg.data.registerMap;
    expect(emdb.molecularMass).toBe(800_000);
    const q = `query($id: ID!) { map(id: $id) { archive {
      threshold
      distribution { id status bins { value count log10Count } contour fractionAboveContour }
      volume { id points { level volume surfaceArea } enclosedVolume molecularMass expectedVolume volumeRatio expectedVolumeNote fromCache }
      powerSpectrum { points { frequency lnAmplitude } nyquist }
      views { centralSlices { url axis } projections { url axis } }
      summary { score evaluable scoreSentence sections { id counted } }
    } } }`;
    const a = (await stack.gql(q, { id })).data.map.archive;
    expect(a.threshold).toBe(1); // the header's contour
    expect(a.distribution.bins).toHaveLength(128);
    expect(a.volume.points).toHaveLength(129);
    expect(a.volume.expectedVolume).toBeCloseTo(984.023, 2);
    expect(a.volume.volumeRatio).toBeCloseTo(a.volume.enclosedVolume / a.volume.expectedVolume, 9);
    expect(a.powerSpectrum.nyquist).toBeCloseTo(1 / (2 * 2.02), 9);
    expect(a.views.centralSlices.map((i: { axis: string }) => i.axis)).toEqual(['x', 'y', 'z']);
    expect(a.summary).toMatchObject({ score: 0, evaluable: 0 });
    expect(a.summary.sections.every((s: { counted: boolean }) => !s.counted)).toBe(true);
    expect(a.summary.scoreSentence).toBe('Archive checks (EMDB validation analysis, not counted in the VRS score): 4 of 4 computed.');
    // memoized
    expect((await stack.gql(q, { id })).data.map.archive.volume.fromCache).toBe(true);
  }, 300_000);

  it('rank on a section: the percentile among the maps of the resolution bin, with its size', async () => {
    const rankQ = `query($id: ID!, $r: Float) { map(id: $id) { level0(resolution: $r) { background { tStatistic rank { metric value percentile mapsInBin atOrBelow binLow binHigh } } } } }`;
    const first = (await stack.gql(`mutation { registerMap(input: { path: "emd_5625.map" }) { id } }`)).data.registerMap.id;
    const one = await stack.gql(rankQ, { id: first, r: 12 });
    expect(one.errors).toBeUndefined();
    const b1 = one.data.map.level0.background;
    const t1 = b1.rank.find((r: { metric: string }) => r.metric === 'level0.background.tStatistic');
    expect(t1).toMatchObject({ value: b1.tStatistic, percentile: 100, mapsInBin: 1, atOrBelow: 1, binLow: 11, binHigh: 13 });
    // a second map in the bin (12.5 Å: ±1 Å takes 12 in); the first's stored value ranks against it
    const second = (await stack.gql(`mutation { registerMap(input: { path: "emd_1832.map" }) { id } }`)).data.registerMap.id;
    const b2 = (await stack.gql(rankQ, { id: second, r: 12.5 })).data.map.level0.background;
    const t2 = b2.rank.find((r: { metric: string }) => r.metric === 'level0.background.tStatistic');
    expect(t2.mapsInBin).toBe(2);
    expect(t2.percentile).toBe(b2.tStatistic >= b1.tStatistic ? 100 : 50);
    // a third map run with startLevel0 (a dashboard's Run) and never asked for its rank still joins the bin
    const third = (await stack.gql(`mutation { registerMap(input: { path: "emd_5168_monomer.mrc" }) { id } }`)).data.registerMap.id;
    const start = await stack.gql(`mutation($id: ID!) { startLevel0(mapId: $id, resolution: 11.5) { section } }`, { id: third });
    expect(start.errors).toBeUndefined();
    const backgroundState = async () => (await stack.gql(`query($id: ID!) { level0Status(mapId: $id, resolution: 11.5) { section state } }`, { id: third }))
      .data.level0Status.find((x: { section: string }) => x.section === 'background').state as string;
    for (let i = 0; i < 600 && (await backgroundState()) !== 'DONE'; i++) await new Promise((r) => setTimeout(r, 200));
    expect(await backgroundState()).toBe('DONE');
    let inBin = 0;
    for (let i = 0; i < 50 && inBin < 3; i++) { // the rank row is written just after the section is stored
      inBin = (await stack.gql(rankQ, { id: first, r: 12 })).data.map.level0.background.rank.find((r: { metric: string }) => r.metric === 'level0.background.tStatistic').mapsInBin;
      if (inBin < 3) await new Promise((r) => setTimeout(r, 100));
    }
    expect(inBin).toBe(3);
    // without a resolution: no rank
    const none = await stack.gql(rankQ, { id: first, r: null });
    expect(none.data.map.level0.background.rank).toEqual([]);
  }, 300_000);
});
