/**
 * The archive checks' plots (E.a map-value histogram with the contour marked, E.b enclosed
 * volume against contour level, E.c rotationally averaged power spectrum), drawn with uPlot from
 * the same records the report's figures are drawn from. A section's data is asked for once it
 * is done (a section field computes on a miss).
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { gql } from './api';
import { ArchivePlotsDocument, type ArchivePlotsQuery } from './generated/graphql';
import type { Level, Params, Progress } from './levels';
import { LinePlot } from './plots';

type Archive = NonNullable<ArchivePlotsQuery['map']>['archive'];

/** The plots to put on the archive level's cards, by section field (none for other levels). */
export function useArchivePlots(level: Level, id: string, params: Params, progress: Progress[] | null): Record<string, ComponentChildren> {
  const [data, setData] = useState<Archive | null>(null);
  const done = (field: string) => level.field === 'archive' && progress?.find((p) => p.section === field)?.state === 'DONE';
  const flags = { distribution: done('distribution'), volume: done('volume'), spectrum: done('powerSpectrum') };
  const key = JSON.stringify([flags, params]);
  useEffect(() => {
    if (!flags.distribution && !flags.volume && !flags.spectrum) return setData(null);
    gql(ArchivePlotsDocument, { id, ...params, ...flags }).then((d) => setData(d.map?.archive ?? null), () => setData(null));
  }, [id, key]);
  // one set of plots per answer (a new array would redraw them at every poll of the level)
  return useMemo(() => (data ? plots(data) : {}), [data]);
}

function plots({ distribution: h, volume: v, powerSpectrum: s }: Archive): Record<string, ComponentChildren> {
  return {
    distribution: h && h.bins.length > 0 && (
      <LinePlot title="Map-value distribution (E.a)" xLabel="map value" yLabel="log10(voxels)" bars markX={h.contour}
        x={h.bins.map((b) => b.value)} series={[{ label: 'log10 voxel count', values: h.bins.map((b) => b.log10Count), colour: '#24446f' }]} />
    ),
    volume: v && v.points.length > 0 && (
      <LinePlot title="Volume against contour level (E.b)" xLabel="contour level (map units)" yLabel="volume (nm³)" markX={v.contour}
        x={v.points.map((p) => p.level)}
        series={[
          { label: 'enclosed volume (nm³)', values: v.points.map((p) => p.volume), colour: '#24446f' },
          ...(v.expectedVolume != null ? [{ label: 'expected from the mass (nm³)', values: v.points.map(() => v.expectedVolume), colour: '#c05a00', dash: [6, 4] }] : []),
        ]} />
    ),
    powerSpectrum: s && s.points.length > 0 && (
      <LinePlot title="Rotationally averaged power spectrum (E.c)" xLabel="spatial frequency (1/Å)" yLabel="ln mean amplitude"
        x={s.points.map((p) => p.frequency)} series={[{ label: 'ln amplitude', values: s.points.map((p) => p.lnAmplitude), colour: '#24446f' }]} />
    ),
  };
}
