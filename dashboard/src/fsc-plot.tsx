/**
 * The FSC plots on their cards, as the report draws them (report-renderer/svg/fsc-plot.ts and
 * model-plots.ts, the same colours), against spatial frequency (1/Å; the x ticks and the hovered
 * value give the resolution in Å too), with the FSC lines and the crossings the record gives
 * marked and labelled in Å: 1.a the unmasked, masked, phase-randomised and corrected FSC of the
 * half maps and the half-bit curve; 1.b the FSC of the permutation test with its significant
 * shells; A.a the map–model FSC, unmasked and masked. Level A's cards get their residue plots
 * from the same answer (residue-plots.tsx: A.a's CC and A.e's Q-score of each residue). A
 * section's curves are asked for once it is done (a section field computes on a miss).
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { gql } from './api';
import { quantity, frequency } from './format';
import { Level1PlotsDocument, LevelAPlotsDocument, type Level1PlotsQuery, type LevelAPlotsQuery } from './generated/graphql';
import type { Level, Params, Progress } from './levels';
import { LinePlot, type Guide, type Series } from './plots';
import { ResidueCcPlot, ResidueQPlot, type QScoreRecord } from './residue-plots';

type L1 = NonNullable<Level1PlotsQuery['map']>['level1'];
type Global = NonNullable<L1['globalResolution']>;
type Permutation = NonNullable<L1['fscPermutation']>;
type Fit = NonNullable<NonNullable<NonNullable<LevelAPlotsQuery['map']>['levelA']>['fit']>;

/** The report's colours (report-renderer/svg/fsc-plot.ts, model-plots.ts). */
const COLOURS = { unmasked: '#1f5fa8', masked: '#2e8b3a', phaseRandomized: '#888888', corrected: '#c0392b', threshold: '#555555', modelMasked: '#d9731a' } as const;
const LINES: Guide[] = [{ y: 0.143, label: 'FSC = 0.143' }, { y: 0.5, label: 'FSC = 0.5' }];

/** Labelled vertical marks at the crossings the record gives (none where it does not cross). */
const crossings = (marks: [number | null | undefined, string][]): Guide[] =>
  marks.filter(([r]) => r != null && r > 0).map(([r, label]) => ({ x: 1 / r!, label: `${label}: ${quantity(r, 'Å', 3)}` }));

/** The plots to put on a level's cards, by section field (none for a level without FSC plots). */
export function useFscPlots(level: Level, id: string, params: Params, progress: Progress[] | null): Record<string, ComponentChildren> {
  const [data, setData] = useState<{ l1?: L1; a?: Fit | null; q?: QScoreRecord | null } | null>(null);
  const done = (s: string) => progress?.find((p) => p.section === s)?.state === 'DONE';
  const want = level.field === 'level1' ? { globalResolution: done('globalResolution'), fscPermutation: done('fscPermutation') }
    : level.field === 'levelA' ? { fit: done('fit'), qScore: done('qScore') } : {};
  const key = JSON.stringify([want, params]);
  useEffect(() => {
    if (!Object.values(want).some(Boolean)) return setData(null);
    const q = level.field === 'level1'
      ? gql(Level1PlotsDocument, { id, ...params, globalResolution: !!want.globalResolution, fscPermutation: !!want.fscPermutation }).then((d) => ({ l1: d.map?.level1 }))
      : gql(LevelAPlotsDocument, { id, ...params, fit: !!want.fit, qScore: !!want.qScore }).then((d) => ({ a: d.map?.levelA.fit, q: d.map?.levelA.qScore }));
    q.then(setData, () => setData(null));
  }, [id, key]);
  // one plot per answer (a new element would redraw it at every poll of the level)
  return useMemo(() => {
    const out: Record<string, ComponentChildren> = {};
    const g = data?.l1?.globalResolution, p = data?.l1?.fscPermutation, f = data?.a, q = data?.q;
    if (g && g.curve.length > 1) out.globalResolution = <HalfMapFsc g={g} />;
    if (p && p.curve.length > 1) out.fscPermutation = <PermutationFsc p={p} />;
    if (f) out.fit = <>{f.fsc.length > 1 && <MapModelFsc f={f} />}{f.residues.length > 0 && <ResidueCcPlot residues={f.residues} />}</>;
    if (q && q.residues.some((r) => r.q != null)) out.qScore = <ResidueQPlot q={q} />;
    return out;
  }, [data]);
}

/** An FSC plot against spatial frequency, its ticks and hovered value in 1/Å and Å. */
function FscPlot({ title, x, series, guides }: { title: string; x: number[]; series: Series[]; guides: Guide[] }) {
  return (
    <LinePlot title={title} xLabel="spatial frequency (1/Å)" yLabel="FSC" yRange={[-0.2, 1.05]} live
      x={x} guides={guides} series={series} xValue={(v) => frequency(v, 3)}
      xTick={(v) => (v > 0 ? `${quantity(v, null, 2)}\n${quantity(1 / v, 'Å', 2)}` : '0')} />
  );
}

export function HalfMapFsc({ g }: { g: Global }) {
  // the plot is drawn again only when its data change (LinePlot redraws on new arrays)
  const props = useMemo(() => {
    const pts = g.curve.filter((q) => q.frequency > 0);
    return {
      x: pts.map((q) => q.frequency),
      guides: [...LINES, ...crossings([[g.resolution0143, '0.143 corrected'], [g.resolution0143Unmasked, '0.143 unmasked'], [g.resolution05, '0.5'], [g.resolutionHalfBit, 'half-bit']])],
      series: [
        { label: 'unmasked', values: pts.map((q) => q.unmasked), colour: COLOURS.unmasked },
        { label: 'masked', values: pts.map((q) => q.masked), colour: COLOURS.masked },
        { label: 'phase-randomised (masked)', values: pts.map((q) => q.phaseRandomized ?? null), colour: COLOURS.phaseRandomized },
        { label: 'corrected', values: pts.map((q) => q.corrected ?? null), colour: COLOURS.corrected, width: 2.5 },
        { label: 'half-bit', values: pts.map((q) => q.halfBit ?? null), colour: COLOURS.threshold, dash: [2, 2], width: 1 },
      ],
    };
  }, [g]);
  return <FscPlot title="Fourier shell correlation of the half maps (1.a)" {...props} />;
}

export function PermutationFsc({ p }: { p: Permutation }) {
  const props = useMemo(() => {
    const pts = p.curve.filter((q) => q.frequency > 0);
    const fdr = `${quantity(100 * p.fdr, null, 2)} % FDR`;
    return {
      x: pts.map((q) => q.frequency),
      guides: crossings([[p.resolution, fdr]]),
      series: [
        { label: 'FSC (circular mask)', values: pts.map((q) => q.fsc), colour: COLOURS.unmasked },
        // the report's marks: a dot under the curve at each significant shell
        { label: `significant at ${fdr}`, values: pts.map((q) => (q.significant ? -0.12 : null)), colour: COLOURS.corrected, points: true },
      ],
    };
  }, [p]);
  return <FscPlot title="FSC permutation test (1.b)" {...props} />;
}

export function MapModelFsc({ f }: { f: Fit }) {
  const props = useMemo(() => {
    const pts = f.fsc.filter((q) => q.frequency > 0);
    return {
      x: pts.map((q) => q.frequency),
      guides: [...LINES, ...crossings([[f.fsc05Masked, '0.5 masked'], [f.fsc0143Masked, '0.143 masked'], [f.fsc05Unmasked, '0.5 unmasked'], [f.fsc0143Unmasked, '0.143 unmasked']])],
      series: [
        { label: 'unmasked', values: pts.map((q) => q.unmasked), colour: COLOURS.unmasked },
        { label: 'masked (around the atoms)', values: pts.map((q) => q.masked), colour: COLOURS.modelMasked },
      ],
    };
  }, [f]);
  return <FscPlot title="Map–model FSC (A.a)" {...props} />;
}
