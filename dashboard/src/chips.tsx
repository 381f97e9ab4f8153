/**
 * A section's chip: coloured by its verdict once computed (OK, warnings, does not apply, failed),
 * else by where its computation stands; the reason is in the tooltip and in the chip's text for
 * screen readers, and the rows list the non-OK reasons in words (SectionReasons).
 */
import type { ApiError } from './api';
import type { JobState, Progress, SectionLayout, SectionRecord, Verdict } from './levels';

export const VERDICT_TEXT: Record<Verdict, string> = { OK: 'OK', WARNING: 'warnings', NOT_APPLICABLE: 'does not apply', FAILED: 'failed' };
export const STATE_TEXT: Record<JobState, string> = { NOT_STARTED: 'not started', QUEUED: 'queued', RUNNING: 'running', DONE: 'done', FAILED: 'failed', CANCELLED: 'cancelled' };

export interface ChipState { kind: Verdict | JobState; text: string; reason: string | null }

/** What a section shows: its verdict when its record is read, else its computation state. */
export function chipState(progress: Progress | undefined, record: SectionRecord | ApiError | undefined): ChipState {
  if (record && !(record instanceof Error) && record.status) {
    const v = record.status;
    const reason = v === 'WARNING' ? (record.warnings ?? []).join(' ') : v === 'OK' ? null : record.statusReason ?? null;
    return { kind: v, text: VERDICT_TEXT[v], reason };
  }
  if (record instanceof Error) return { kind: 'FAILED', text: 'failed', reason: record.message };
  const state = progress?.state ?? 'NOT_STARTED';
  if (state === 'FAILED') return { kind: 'FAILED', text: 'failed', reason: progress?.error ? `${progress.error.code}: ${progress.error.message}` : null };
  return { kind: state, text: STATE_TEXT[state], reason: null };
}

export function Chip({ section, state }: { section: SectionLayout; state: ChipState }) {
  const label = section.id ?? 'in';
  const tip = `${section.title}: ${state.text}${state.reason ? ` — ${state.reason}` : ''}`;
  return (
    <span class={`chip ${state.kind}`} data-section={section.field} data-verdict={state.kind} title={tip}>
      {label}<span class="sr-only"> {state.text}</span>
    </span>
  );
}

/** The reasons of the sections that are not OK, in words (the tooltips' text, for everyone). */
export function SectionReasons({ items }: { items: { section: SectionLayout; state: ChipState }[] }) {
  const shown = items.filter((i) => i.state.reason);
  if (!shown.length) return null;
  return (
    <ul class="reasons">
      {shown.map(({ section, state }) => (
        <li key={section.field} class={state.kind}><strong>{section.id ?? section.title}</strong> {state.text}: {state.reason}</li>
      ))}
    </ul>
  );
}

export function Legend() {
  return (
    <p class="legend">
      <span class="chip OK">OK</span> <span class="chip WARNING">warnings</span> <span class="chip NOT_APPLICABLE">does not apply</span>{' '}
      <span class="chip FAILED">failed</span> <span class="chip RUNNING">running</span> <span class="chip QUEUED">queued</span>{' '}
      <span class="chip NOT_STARTED">not started</span>
    </p>
  );
}
