/**
 * A.a's CC of each residue and A.e's Q-score of each residue along the sequence, drawn on their
 * cards as the report draws them (report-renderer/svg/model-plots.ts `residueCcPlot`,
 * `residueProfilePlot`; the same colours and lines): bars of the CC, red below 0.5, with the 0.5
 * line; the residues' Q as a line broken between chains, with the VRS threshold 0.1 and the Q
 * expected at the reported resolution. Hovering names the residue (chain, name, number) and
 * gives its value; the chains are marked where the model has more than one.
 */
import { useMemo } from 'preact/hooks';
import { fmt } from './format';
import type { LevelAPlotsQuery } from './generated/graphql';
import { LinePlot, type Guide } from './plots';
import { ccBars, chainStarts, LOW_CC, profileLine, residueName, residueTick, type Residue } from './residue-series';

type LevelA = NonNullable<NonNullable<LevelAPlotsQuery['map']>['levelA']>;
export type FitResidues = NonNullable<LevelA['fit']>['residues'];
export type QScoreRecord = NonNullable<LevelA['qScore']>;

/** The report's colours (report-renderer/svg/model-plots.ts). */
export const RESIDUE_COLOURS = { good: '#1f5fa8', low: '#c0392b', q: '#1f5fa8', expected: '#2e8b3a' } as const;
/** Short enough for a 360 px plot's axis; the ticks say chain and number ("A12"). */
const X_LABEL = 'residue (model order)';

const chainGuides = (residues: Residue[]): Guide[] => chainStarts(residues).map((c) => ({ x: c.x, label: `chain ${c.chain}` }));
/** Ticks at whole x only, named by their residue ("A12"); the hovered x by its residue in words. */
const ticks = (at: (Residue | undefined)[], x: number[]) => {
  const byX = new Map(x.map((v, k) => [v, at[k]]));
  return {
    xTick: (v: number) => { const r = byX.get(v); return r ? residueTick(r) : ''; },
    xValue: (v: number) => { const r = byX.get(v); return r ? residueName(r) : 'between chains'; },
  };
};

export function ResidueCcPlot({ residues }: { residues: FitResidues }) {
  const props = useMemo(() => {
    const b = ccBars(residues);
    const lo = Math.min(0, ...residues.map((r) => r.cc ?? 0));
    return {
      x: b.x,
      yRange: [Math.max(-1, Math.floor(lo * 5) / 5), 1] as [number, number],
      guides: [{ y: LOW_CC, label: `CC = ${LOW_CC}` }, ...chainGuides(residues)],
      series: [
        { label: `CC ≥ ${LOW_CC}`, values: b.good, colour: RESIDUE_COLOURS.good, fill: RESIDUE_COLOURS.good },
        { label: `CC < ${LOW_CC}`, values: b.low, colour: RESIDUE_COLOURS.low, fill: RESIDUE_COLOURS.low },
      ],
      ...ticks(residues, b.x),
    };
  }, [residues]);
  return <LinePlot title="CC of each residue (A.a)" xLabel={X_LABEL} yLabel="CC (unitless)" bars live {...props} />;
}

export function ResidueQPlot({ q }: { q: QScoreRecord }) {
  const props = useMemo(() => {
    const l = profileLine(q.residues, (r) => r.q);
    const values = q.residues.flatMap((r) => (r.q == null ? [] : [r.q]));
    return {
      x: l.x,
      yRange: [Math.min(0, ...values), Math.max(1, ...values)] as [number, number],
      guides: [
        { y: 0.1, label: 'VRS threshold 0.1' },
        ...(q.expectedQ == null ? [] : [{ y: q.expectedQ, label: `expected at this resolution: ${fmt(q.expectedQ, 3)}`, colour: RESIDUE_COLOURS.expected }]),
        ...chainGuides(q.residues),
      ],
      series: [{ label: 'Q of the residue (mean of its atoms)', values: l.y, colour: RESIDUE_COLOURS.q, width: 1.5 }],
      ...ticks(l.at, l.x),
    };
  }, [q]);
  return <LinePlot title="Q-score of each residue (A.e)" xLabel={X_LABEL} yLabel="Q-score (unitless)" live {...props} />;
}
