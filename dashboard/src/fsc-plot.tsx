/**
 * 1.a's FSC plot on the Level 1 card, as the report draws it (report-renderer/svg/fsc-plot.ts):
 * the unmasked, masked, phase-randomised and corrected FSC of the half maps against spatial
 * frequency (1/Å; the x ticks and the hovered value give the resolution in Å too), the 0.143 and
 * 0.5 lines and the half-bit curve, and the crossings the record gives marked and labelled in Å.
 * The curves are asked for once 1.a is done (a section field computes on a miss).
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { gql } from './api';
import { quantity, frequency } from './format';
import { Level1PlotsDocument, type Level1PlotsQuery } from './generated/graphql';
import type { Level, Params, Progress } from './levels';
import { LinePlot, type Guide } from './plots';

type Global = NonNullable<NonNullable<Level1PlotsQuery['map']>['level1']['globalResolution']>;

/** The report's colours (report-renderer/svg/fsc-plot.ts). */
const COLOURS = { unmasked: '#1f5fa8', masked: '#2e8b3a', phaseRandomized: '#888888', corrected: '#c0392b', threshold: '#555555' } as const;

/** The plots to put on Level 1's cards, by section field (none for other levels). */
export function useLevel1Plots(level: Level, id: string, params: Params, progress: Progress[] | null): Record<string, ComponentChildren> {
  const [data, setData] = useState<Global | null>(null);
  const done = level.field === 'level1' && progress?.find((p) => p.section === 'globalResolution')?.state === 'DONE';
  const key = JSON.stringify([done, params]);
  useEffect(() => {
    if (!done) return setData(null);
    gql(Level1PlotsDocument, { id, ...params }).then((d) => setData(d.map?.level1.globalResolution ?? null), () => setData(null));
  }, [id, key]);
  // one plot per answer (a new element would redraw it at every poll of the level)
  return useMemo(() => (data && data.curve.length > 1 ? { globalResolution: <FscPlot g={data} /> } : {}), [data]);
}

export function FscPlot({ g }: { g: Global }) {
  // the plot is drawn again only when its data change (LinePlot redraws on new arrays)
  const { x, guides, series } = useMemo(() => {
    const pts = g.curve.filter((p) => p.frequency > 0);
    const crossings = [[g.resolution0143, '0.143 corrected'], [g.resolution0143Unmasked, '0.143 unmasked'], [g.resolution05, '0.5'], [g.resolutionHalfBit, 'half-bit']] as const;
    return {
      x: pts.map((p) => p.frequency),
      guides: [
        { y: 0.143, label: 'FSC = 0.143' },
        { y: 0.5, label: 'FSC = 0.5' },
        ...crossings.filter(([r]) => r != null && r > 0).map(([r, label]) => ({ x: 1 / r!, label: `${label}: ${quantity(r, 'Å', 3)}` })),
      ] as Guide[],
      series: [
        { label: 'unmasked', values: pts.map((p) => p.unmasked), colour: COLOURS.unmasked },
        { label: 'masked', values: pts.map((p) => p.masked), colour: COLOURS.masked },
        { label: 'phase-randomised (masked)', values: pts.map((p) => p.phaseRandomized ?? null), colour: COLOURS.phaseRandomized },
        { label: 'corrected', values: pts.map((p) => p.corrected ?? null), colour: COLOURS.corrected, width: 2.5 },
        { label: 'half-bit', values: pts.map((p) => p.halfBit ?? null), colour: COLOURS.threshold, dash: [2, 2], width: 1 },
      ],
    };
  }, [g]);
  return (
    <LinePlot title="Fourier shell correlation of the half maps (1.a)" xLabel="spatial frequency (1/Å)" yLabel="FSC" yRange={[-0.2, 1.05]} live
      x={x} guides={guides} series={series} xValue={(f) => frequency(f, 3)}
      xTick={(f) => (f > 0 ? `${quantity(f, null, 2)}\n${quantity(1 / f, 'Å', 2)}` : '0')} />
  );
}
