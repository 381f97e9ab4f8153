/**
 * A level's live state for one map and parameter set: its per-section progress (polled every
 * 1.5 s while a section is queued or running), the records of the sections done (read once
 * each: memoized on the server) and the summary once all are done. A refused level (a coded
 * error such as MAP_ANISOTROPIC_VOXELS) is kept as `refusal`.
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from './api';
import { levelStatus, levelSummary, sectionRecords, startLevel, type Level, type Params, type Progress, type SectionRecord, type Summary } from './levels';

export interface LevelState {
  progress: Progress[] | null;
  records: Map<string, SectionRecord | ApiError>;
  summary: Summary | null;
  refusal: ApiError | null;
  busy: boolean;
}

const EMPTY: LevelState = { progress: null, records: new Map(), summary: null, refusal: null, busy: false };
const POLL_MS = 1500;

export function useLevel(level: Level, id: string, params: Params, full: boolean, tick: number): [LevelState, () => Promise<void>] {
  const [state, setState] = useState<LevelState>(EMPTY);
  const key = JSON.stringify(params);
  const [kick, setKick] = useState(0);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const records = new Map<string, SectionRecord | ApiError>();
    setState(EMPTY);
    const poll = async () => {
      try {
        const progress = await levelStatus(level, id, params);
        const done = level.sections.filter((s) => progress.find((p) => p.section === s.field)?.state === 'DONE' && !records.has(s.field));
        for (const [field, r] of await sectionRecords(level, done, id, params, full)) records.set(field, r);
        const busy = progress.some((p) => p.state === 'QUEUED' || p.state === 'RUNNING');
        const allDone = progress.length > 0 && progress.every((p) => p.state === 'DONE');
        const summary = allDone ? await levelSummary(level, id, params).catch(() => null) : null;
        if (stopped) return;
        setState({ progress, records: new Map(records), summary, refusal: null, busy });
        if (busy) timer = setTimeout(poll, POLL_MS);
      } catch (e) {
        if (!stopped) setState({ ...EMPTY, refusal: e instanceof ApiError ? e : new ApiError(String(e), null) });
      }
    };
    poll();
    return () => { stopped = true; clearTimeout(timer); };
  }, [level, id, key, full, tick, kick]);
  const start = async () => {
    await startLevel(level, id, params);
    setKick((k) => k + 1);
  };
  return [state, start];
}
