/**
 * One section's card: its verdict, computation state, warnings, why it does not apply or
 * failed, its key numbers (the record's scalar fields, each under its label (SectionLayout.scalars.label, read from the schema's description), as reportLayout lists them, each with the
 * unit its schema description gives and that description on hover), its plots,
 * its ranks among the maps validated here
 * and its stored figures, and its criteria and method in a disclosure. The figures load at
 * once, not lazily: they are small PNGs, and a lazy image below the fold is missing from a
 * full-page screenshot or a printout (E.d's slices were).
 */
import type { ComponentChildren } from 'preact';
import { ApiError, describe } from './api';
import { chipState } from './chips';
import { quantity } from './format';
import { Ranks } from './ranks';
import type { Progress, SectionLayout, SectionRecord } from './levels';

/** A key number with its unit (SectionLayout.scalars: the unit the schema's description gives). */
function value(v: unknown, unit: string | null): string {
  if (typeof v === 'number') return quantity(v, unit);
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (v == null) return '–';
  return String(v);
}

interface Image { url: string; caption: string; width: number; height: number }

export function SectionCard({ section, progress, record, plots }: { section: SectionLayout; progress: Progress | undefined; record: SectionRecord | ApiError | undefined; plots?: ComponentChildren }) {
  const chip = chipState(progress, record);
  const r = record instanceof ApiError ? undefined : record;
  const images = r ? section.imageFields.flatMap((f) => (r[f] as Image[] | undefined) ?? []) : [];
  const state = progress?.state;
  return (
    <article class={`card ${chip.kind}`} data-section={section.field} data-verdict={chip.kind} aria-labelledby={`h-${section.field}`}>
      <header>
        <h3 id={`h-${section.field}`}>{section.number ? `${section.number} ` : ''}{section.title}</h3>
        <span class={`badge ${chip.kind}`}>{chip.text}</span>
      </header>
      {state && state !== 'DONE' && <p class="state">{state === 'RUNNING' ? 'Computing…' : state === 'QUEUED' ? 'Queued.' : state === 'NOT_STARTED' ? 'Not computed for these parameters yet.' : ''}</p>}
      {record instanceof ApiError && <p class="error">{describe(record)}</p>}
      {progress?.error && !r && <p class="error">[{progress.error.code}] {progress.error.message}</p>}
      {r?.warnings && r.warnings.length > 0 && <ul class="warnings">{r.warnings.map((w) => <li key={w}>{w}</li>)}</ul>}
      {r?.statusReason && <p class="reason">{r.statusReason}</p>}
      {r && section.scalarFields.length > 0 && (
        <dl class="numbers">
          {section.scalars.filter(({ field: f }) => r[f] !== undefined && !f.endsWith('Sha256')).map(({ field: f, unit, description, label }) => (
            <div key={f} data-field={f}><dt title={description ?? undefined}>{label}</dt><dd>{value(r[f], unit)}</dd></div>
          ))}
        </dl>
      )}
      {plots}
      {r?.rank && <Ranks rows={r.rank} />}
      {images.length > 0 && (
        <div class="figures">
          {images.map((img) => (
            <figure key={img.url}>
              <img src={img.url} alt={img.caption} width={img.width} height={img.height} />
              <figcaption>{img.caption}</figcaption>
            </figure>
          ))}
        </div>
      )}
      {r?.criteria && (
        <details>
          <summary>Criteria and method</summary>
          <p><strong>Criteria.</strong> {r.criteria}</p>
          {r.algorithm && <p><strong>Method.</strong> {r.algorithm}{r.computeMillis != null ? ` — computed in ${(r.computeMillis / 1000).toFixed(2)} s${r.fromCache ? ' (stored result)' : ''}` : ''}</p>}
          {r.explanation && <p>{r.explanation}</p>}
        </details>
      )}
    </article>
  );
}
