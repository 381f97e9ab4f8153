/**
 * One level of one map in the list: its chips (verdict colours), its score once done (a
 * level outside the VRS score, the archive checks, says so instead), a Run
 * button while idle, and a refusal with its fix (a voxel-size field for anisotropic voxels).
 */
import { useState } from 'preact/hooks';
import { describe } from './api';
import { Chip, chipState, SectionReasons } from './chips';
import { useLevel } from './live';
import { levelName, startLevel, type Level, type Params } from './levels';

export const voxelSizeKey = (id: string) => `vrs.voxelSize.${id}`;

/** The fix a refusal offers in place, by its code; null when the message is the whole answer. */
function VoxelSizeFix({ level, onRun }: { level: Level; onRun: (voxelSize: number) => void }) {
  const [value, setValue] = useState('');
  const id = `vs-${level.field}-${Math.random().toString(36).slice(2, 8)}`;
  return (
    <form class="fix" onSubmit={(e) => { e.preventDefault(); if (Number(value) > 0) onRun(Number(value)); }}>
      <label for={id}>Voxel size to analyse with (Å)</label>
      <input id={id} name="voxelSize" type="number" step="any" min="0" required value={value} onInput={(e) => setValue(e.currentTarget.value)} />
      <button type="submit">Run {levelName(level)}</button>
    </form>
  );
}

export function LevelCell({ level, mapId, params, onParams, tick }: { level: Level; mapId: string; params: Params; onParams: (p: Params) => void; tick: number }) {
  const [state, start] = useLevel(level, mapId, params, false, tick);
  const [error, setError] = useState<string | null>(null);
  const items = level.sections.map((section) => ({ section, state: chipState(state.progress?.find((p) => p.section === section.field), state.records.get(section.field)) }));
  const idle = state.progress?.every((p) => p.state === 'NOT_STARTED' || p.state === 'FAILED' || p.state === 'CANCELLED');
  const run = () => start().then(() => setError(null), (e) => setError(describe(e)));
  return (
    <div class="level" data-level={level.field}>
      <span class="level-name">{levelName(level)}</span>
      {state.refusal ? (
        <div class="refusal" role="alert">
          <p>{describe(state.refusal)}</p>
          {state.refusal.code === 'MAP_ANISOTROPIC_VOXELS' && (
            <VoxelSizeFix level={level} onRun={async (voxelSize) => {
              const next = { ...params, voxelSize };
              localStorage.setItem(voxelSizeKey(mapId), String(voxelSize));
              await startLevel(level, mapId, next).catch((e) => setError(describe(e)));
              onParams(next);
            }} />
          )}
        </div>
      ) : state.progress ? (
        <>
          <span class="chips">{items.map((i) => <Chip key={i.section.field} {...i} />)}</span>
          {state.summary && (level.scored
            ? <span class="score" title={state.summary.scoreSentence}>{state.summary.score} / {state.summary.evaluable}</span>
            : <span class="archive-line" title={state.summary.scoreSentence}>archive checks, not scored</span>)}
          {idle && <button type="button" data-action="start" onClick={run}>Run {levelName(level)}</button>}
          <SectionReasons items={items} />
        </>
      ) : <span class="muted">…</span>}
      {error && <p class="error" role="alert">{error}</p>}
    </div>
  );
}
