/**
 * `vrs validate MAP`: register the map, resolve the inputs, run every Level 0 section through
 * the memo (in the pool), print the summary, write the JSON (the GraphQL `level0` shape plus
 * `map`) and, with --pdf, the report. Exit codes (spec/graphql.md): 0 done whatever the
 * verdicts, 2 bad input (a map that cannot be read leaves no row), 1 internal failure.
 */
import { constants } from 'node:fs';
import { access, copyFile, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { VrsError } from '../../worker-pool/errors.js';
import type { EmdbHeader } from '../../worker-pool/io/emdb-header.js';
import { readModel, type ModelSummary } from '../../worker-pool/io/model.js';
import { readMapFile, type MapReadResult } from '../../worker-pool/io/mrc/read.js';
import { checkFiniteVoxels, checkResolution, checkThreshold, estimateThreshold, resolveThreshold, resolveVoxelSize } from '../../worker-pool/metrics/level0/inputs.js';
import { isosurfaceMetric } from '../../worker-pool/metrics/level0/isosurface.js';
import { masksMetric } from '../../worker-pool/metrics/level0/support.js';
import { loadLevels } from '../../worker-pool/metrics/registry.js';
import type { LevelDeclaration } from '../../worker-pool/metrics/levels.js';
import type { CriteriaProfile, Level0Params } from '../../worker-pool/metrics/types.js';
import { closeMetricPool } from '../../worker-pool/pool.js';
import { enableTimings, phase, reportPhase } from '../../worker-pool/timings.js';
import { availableSections, mapFacts, type Level0Inputs, type SectionEvent } from '../compute/levels.js';
import { computeLevel, type LevelResult } from '../compute/level-result.js';
import { RankStore } from '../store/ranks.js';
import { levelRankedNumbers } from '../ranking/rank.js';
import { createComputeService, metricModulesFromEnv, type ComputeService } from '../compute/service.js';
import { checkHalfMaps, gridOf, inputReadError, type HalfMapCandidate } from '../maps/input-checks.js';
import { toInputsRecord, volumeInfo } from '../maps/inputs.js';
import { openStore, type NewMapInput, type Store } from '../store/index.js';
import { prepareDefaultCluster } from '../store/initdb.js';
import type { MapRow } from '../store/entities/index.js';
import { jsonbSafe, type MapMetadataPatch } from '../store/maps-repository.js';
import { readEmdbHeaderFile } from './inspect.js';
import { catchInterrupts, type Interrupt } from './interrupt.js';
import { createProgressDisplay } from './validate-progress.js';
import { formatSummary, type LevelOutcome } from './validate-summary.js';

export interface ValidateOptions {
  threshold?: number;
  resolution?: number;
  emdbHeader?: string;
  profile: CriteriaProfile;
  voxelSize?: number;
  json?: string;
  pdf?: string;
  /** Half maps (both or neither) and the atomic model, linked to the map in the store. */
  half1?: string;
  half2?: string;
  model?: string;
  /** Print phase timings (wall, CPU, resident memory) to stderr, as VRS_TIMINGS=1 does. */
  timings?: boolean;
}

/**
 * The PDF report printer of `vrs validate --pdf`. The PDF is the report renderer's answer to
 * the report's GraphQL query, so this needs the graph, which services/ may not import:
 * graph/cli.ts (the CLI's composition root) gives it. It is started while the sections compute
 * (the graph over the CLI's store and compute service, so the map already read is not read
 * again, and Chromium launched), and asked to print once they are stored.
 */
export interface ReportPdfPrinter {
  /** Prints the report of a map whose sections are stored; returns the stored file. */
  print(mapId: string, params: Level0Params, signal: AbortSignal): Promise<{ path: string; pages: number }>;
  close(): Promise<void>;
}

export type StartReportPrinter = (store: Store, compute: ComputeService) => Promise<ReportPdfPrinter>;

/**
 * The Level 0 inputs, checked in the order that gives the most useful refusal: finite voxels,
 * the voxel size (the option wins over the header), the resolution against that voxel size's
 * Nyquist limit, then the threshold (whose estimate needs finite voxels), which must not be
 * above the map's maximum (THRESHOLD_ABOVE_MAXIMUM: the mask would be empty).
 */
export function resolveInputs(read: MapReadResult, options: ValidateOptions, emdb: EmdbHeader | null): Level0Inputs {
  checkFiniteVoxels(read.statistics, read.volume.data);
  const voxelSize = resolveVoxelSize({ voxelSize: read.volume.voxelSize, formatIssues: read.findings, dimensions: { x: read.volume.nx, y: read.volume.ny, z: read.volume.nz } }, options.voxelSize);
  const resolution = options.resolution != null
    ? checkResolution(options.resolution, voxelSize, 'The resolution (--resolution)')
    : checkResolution(emdb?.reportedResolution ?? null, voxelSize, `The resolution in the --emdb-header file ${options.emdbHeader ?? ''}`.trimEnd());
  const choice = resolveThreshold({ user: options.threshold, emdbContour: emdb?.contourLevel, data: read.volume.data });
  const thresholdFrom = choice.source === 'USER' ? 'The threshold (--threshold)'
    : choice.source === 'EMDB_HEADER' ? `The contour level in the --emdb-header file ${options.emdbHeader ?? ''}`.trimEnd() : 'The estimated threshold';
  checkThreshold(choice.threshold, read.statistics, () => estimateThreshold(read.volume.data), thresholdFrom);
  return { threshold: choice.threshold, thresholdSource: choice.source, resolution, profile: options.profile, voxelSize };
}

/**
 * Refuses an output path that cannot be written (OUTPUT_NOT_WRITABLE), so that a typo in
 * --json or --pdf fails at once rather than after all the computing: the path must not be a
 * directory, its folder must exist and be a folder, and the file (or else its folder) writable.
 */
export async function checkOutputPath(path: string, option: string): Promise<void> {
  const full = resolve(path);
  const refuse = (why: string) => new VrsError('OUTPUT_NOT_WRITABLE', `${option} ${path} cannot be written: ${why}; choose another path.`);
  const file = await stat(full).catch(() => null);
  if (file?.isDirectory()) throw refuse('it is a directory (give a file name in it)');
  const folder = dirname(full);
  const dir = await stat(folder).catch((e: NodeJS.ErrnoException) => e);
  if (dir instanceof Error) throw refuse(dir.code === 'ENOENT' ? `the folder ${folder} does not exist` : `the folder ${folder} cannot be read (${dir.code ?? dir.message})`);
  if (!dir.isDirectory()) throw refuse(`${folder} is not a folder`);
  const target = file ? full : folder;
  await access(target, constants.W_OK).catch(() => {
    throw refuse(`no permission to write ${file ? 'the file' : `in the folder ${folder}`}`);
  });
}

/** The map's format findings worth a user's attention (what `vrs inspect` lists), one line each. */
function printFindings(read: MapReadResult): void {
  for (const f of read.findings) {
    if (f.severity === 'WARNING' || f.severity === 'ERROR') process.stderr.write(`vrs: warning [${f.code}] ${f.message}\n`);
  }
}

/** The half maps and the model of `vrs validate`, read and checked: rows for the map_inputs table. */
export interface CheckedInputs {
  rows: NewMapInput[];
  model: ModelSummary | null;
}

/**
 * Reads and checks --half1/--half2 (both or neither; readable, two different files, neither the
 * map, on the map's grid) and --model (it must parse), before the store is opened. The files
 * are linked where they are (like the map): their absolute paths go in the rows.
 */
export async function checkValidateInputs(read: MapReadResult, options: Pick<ValidateOptions, 'half1' | 'half2' | 'model'>): Promise<CheckedInputs> {
  const rows: NewMapInput[] = [];
  if ((options.half1 == null) !== (options.half2 == null)) {
    throw new VrsError('BAD_PARAMETER', `--half1 and --half2 go together: give both half maps (got only ${options.half1 != null ? '--half1' : '--half2'}).`);
  }
  if (options.half1 != null && options.half2 != null) {
    const halves: (HalfMapCandidate & NewMapInput)[] = [];
    for (const role of ['half1', 'half2'] as const) {
      const path = resolve(options[role]!);
      // read one at a time, keeping only what the check and the row need (not the voxels)
      const half = await readMapFile(path).catch((e: unknown) => {
        throw inputReadError(`--${role}`, options[role]!, e);
      });
      const info = volumeInfo(half);
      halves.push({ role, sha256: half.sha256, name: basename(path), sizeBytes: half.sizeBytes, path, info, grid: gridOf(info) });
    }
    checkHalfMaps({ id: read.sha256, grid: gridOf(volumeInfo(read)) }, halves[0]!, halves[1]!);
    for (const h of halves) rows.push({ role: h.role, sha256: h.sha256, name: h.name, sizeBytes: h.sizeBytes, path: h.path, info: h.info });
  }
  let model: ModelSummary | null = null;
  if (options.model != null) {
    const path = resolve(options.model);
    const m = await readModel(path).catch((e: unknown) => {
      throw inputReadError('--model', options.model!, e);
    });
    model = m.summary;
    rows.push({ role: 'model', sha256: m.sha256, name: basename(path), sizeBytes: m.sizeBytes, path, info: m.summary as unknown as Record<string, unknown> });
  }
  return { rows, model };
}

export interface ValidateOutcome {
  mapId: string;
  level0: LevelResult;
  /** Every level that ran (Level 0 first), with its record. */
  levels: LevelOutcome[];
}

/** The levels whose inputs the map has (Level 0 needs only the map). */
function runnableLevels(levels: LevelDeclaration[], roles: ReadonlySet<string>): LevelDeclaration[] {
  return levels.filter((l) => l.inputs.every((r) => roles.has(r)));
}

/**
 * `printPdf` is needed with `options.pdf` only; `prepared`: a first run's embedded cluster being
 * made while the map is read (store/initdb.ts; validate-command.ts starts it), by default started here.
 */
export async function runValidate(mapPath: string, options: ValidateOptions, printPdf?: StartReportPrinter, prepared = prepareDefaultCluster()): Promise<ValidateOutcome> {
  // Outputs and the EMDB header first (cheap), then read (and hash) the map and check the
  // inputs: anything wrong fails before the store is opened, so nothing is stored.
  if (options.timings) enableTimings();
  const path = resolve(mapPath);
  let store: Store;
  let read: MapReadResult, inputs: Level0Inputs, attached: CheckedInputs, emdb: EmdbHeader | null;
  try {
    if (options.pdf && !printPdf) throw new Error('runValidate: --pdf needs a report printer (graph/cli.ts gives one).');
    if (options.json) await checkOutputPath(options.json, '--json');
    if (options.pdf) await checkOutputPath(options.pdf, '--pdf');
    emdb = options.emdbHeader ? await readEmdbHeaderFile(options.emdbHeader) : null;
    // The store is opened only once the map and the attached inputs passed their checks: a
    // refused input leaves nothing behind, not even a new embedded cluster (README: "read and
    // checked before the store is opened"; the cluster being made ahead is removed).
    read = await phase('read map', () => readMapFile(path));
    printFindings(read);
    inputs = await phase('resolve inputs', () => resolveInputs(read, options, emdb));
    attached = await phase('check half maps, model', () => checkValidateInputs(read, options));
    store = await phase('open store', () => openStore({ preparedCluster: prepared }));
  } catch (error) {
    await prepared?.discard();
    throw error;
  }
  const interrupt = catchInterrupts();
  try {
    return await validateInStore(store, path, read, inputs, emdb, options, interrupt, attached, printPdf);
  } finally {
    interrupt.dispose();
  }
}

/** Registers the map, runs the sections, writes the outputs; `interrupt` stops it all cleanly. */
async function validateInStore(
  store: Store, path: string, read: MapReadResult, inputs: Level0Inputs, emdb: EmdbHeader | null, options: ValidateOptions, interrupt: Interrupt,
  attached: CheckedInputs, printPdf?: StartReportPrinter,
): Promise<ValidateOutcome> {
  const mapId = read.sha256;
  try {
    const registered = await store.maps.insert({
      id: mapId,
      name: basename(path),
      sizeBytes: read.sizeBytes,
      header: read.header as unknown as Record<string, unknown>, // NULs of raw text fields: the repository drops them
      geometry: read.geometry as unknown as Record<string, unknown>,
      statistics: read.statistics as unknown as Record<string, unknown>,
      formatIssues: read.findings,
      contourLevel: inputs.threshold,
      contourSource: inputs.thresholdSource,
      reportedResolution: inputs.resolution,
      emdb: emdb as unknown as Record<string, unknown> | null,
      // The CLI validates a file in place: the map row points at it (no copy of a large map).
      blobSha256: mapId,
      blobPath: path,
    });
    let row = registered.map;
    if (!registered.created) row = await recordRunMetadata(store, row, basename(path), inputs, emdb);
    if (attached.rows.length > 0) {
      await store.inputs.attach(mapId, attached.rows);
      for (const r of attached.rows) process.stderr.write(`vrs: ${r.role} ${r.name} (${r.sha256.slice(0, 12)}…) linked to the map\n`);
    }
    const service = await phase('compute service', () => createComputeService({ dataSource: store.dataSource, url: storeUrl(store), where: store.where, blobRoot: store.blobs.root }));
    try {
      const orch = service.orchestrator;
      void orch.volumes.get(mapId, async () => read.volume); // already read: no second read
      // the PDF's graph and Chromium start while the sections compute, and so does the report's
      // isosurface (a figure, not a section: the renderer would otherwise compute it after them)
      const pdfParams: Level0Params = { threshold: inputs.threshold, resolution: inputs.resolution, profile: inputs.profile, voxelSize: inputs.voxelSize };
      const printer = options.pdf && printPdf ? phase('pdf: start the graph', () => printPdf(store, service)) : null;
      printer?.catch(() => undefined); // awaited (and its failure thrown) when the PDF is printed
      if (printer && orch.registry.has(isosurfaceMetric.name)) {
        void phase('isosurface (for the PDF)', () => orch.runMetric(mapId, isosurfaceMetric.name, pdfParams, { signal: interrupt.signal })).catch(() => undefined); // retried by the renderer
      }
      try {
        const all = await loadLevels(metricModulesFromEnv());
        // the roles the orchestrator will load: the map and what is attached to it now
        const roles = new Set<string>(['map', ...(await store.inputs.list(mapId)).map((r) => r.role)]);
        const levels = runnableLevels(all, roles);
        const sections = levels.flatMap((l) => availableSections(orch, l));
        process.stderr.write(`vrs: validating ${basename(path)} (${mapId.slice(0, 12)}…) with ${sections.length} sections\n`);
        const progress = createProgressDisplay(process.stderr, sections);
        let outcomes: LevelOutcome[];
        const events: SectionEvent[] = [];
        try {
          const run = { signal: interrupt.signal, onSection: (e: SectionEvent) => {
            progress.onSection(e);
            if (e.phase !== 'started') reportPhase(`  section ${e.title}`, e.millis ?? 0);
          }, onProgress: progress.onProgress, map: mapFacts(row.emdb) };
          // Level 0's masks are the critical path (most of its sections wait for them): the
          // other levels (the archive's, the half maps') join the pool once they are computed,
          // rather than queueing ahead of them on the pool's two threads
          const masks = levels[0]?.id === '0' && orch.registry.has(masksMetric.name)
            ? orch.runMetric(mapId, masksMetric.name, inputs, { signal: interrupt.signal }).then(() => undefined, () => undefined)
            : Promise.resolve();
          outcomes = await phase('sections', () => Promise.all(levels.map(async (level, i) => {
            if (i > 0) await masks;
            const out = await phase(`level ${level.id}`, () => computeLevel(orch, all, level, mapId, inputs, run));
            events.push(...out.events);
            return { level, result: out.result };
          })));
          interrupt.check();
        } finally {
          progress.stop();
        }
        // this map's ranked numbers join the rank table (GraphQL `rank`, the report's ranking)
        if (inputs.resolution !== null) {
          const ranks = new RankStore(store.dataSource);
          await phase('ranks', async () => {
            for (const o of outcomes) await ranks.record(mapId, inputs.resolution!, inputs.profile, levelRankedNumbers(o.level, o.result as unknown as Record<string, unknown>));
          });
        }
        const level0 = outcomes[0]!.result;
        const g = read.geometry;
        const mapLine = { id: mapId, name: basename(path), dimensions: g.dimensions, voxelSize: inputs.voxelSize };
        process.stdout.write(formatSummary(mapLine, outcomes, events));
        if (options.json) {
          // the map's linked inputs as the store holds them (GraphQL Map.halfMaps, Map.model);
          // Level 0's fields at the top (the JSON's contract), every other level under its field
          const linked = toInputsRecord(mapId, await store.inputs.list(mapId));
          const json = {
            map: {
              id: mapId, name: basename(path), sizeBytes: read.sizeBytes, dimensions: g.dimensions, voxelSize: g.voxelSize, origin: g.origin,
              emdb: (row.emdb as EmdbHeader | null) ?? null, // what the store (and so the PDF) holds: this run's header, else an earlier one
              halfMaps: linked.halfMaps, model: linked.model,
            },
            ...level0,
            ...Object.fromEntries(outcomes.slice(1).map((o) => [o.level.field, o.result])),
          };
          await writeFile(options.json, JSON.stringify(json, null, 2) + '\n');
          process.stderr.write(`vrs: wrote ${options.json}\n`);
        }
        if (options.pdf && printer) await phase('pdf', async () => writePdf(await printer, options.pdf!, mapId, pdfParams, interrupt.signal)); // a Ctrl-C in it throws CANCELLED
        return { mapId, level0, levels: outcomes };
      } finally {
        await phase('pdf: stop the graph', async () => (await printer?.catch(() => null))?.close());
      }
    } finally {
      await phase('close compute', async () => {
        await service.close();
        await closeMetricPool();
      });
    }
  } finally {
    await phase('close store', () => store.close());
  }
}

/**
 * A map registered before (by the dashboard, the graph or an earlier run) takes this run's
 * metadata, as a new row would: its name, the threshold and its source, the resolution, and
 * the EMDB header when one is given (an earlier one is kept otherwise). The report prints the
 * row, so the PDF then says what the run's JSON says.
 */
async function recordRunMetadata(store: Store, row: MapRow, name: string, inputs: Level0Inputs, emdb: EmdbHeader | null): Promise<MapRow> {
  const patch: MapMetadataPatch = {
    name, contourLevel: inputs.threshold, contourSource: inputs.thresholdSource, reportedResolution: inputs.resolution,
    ...(emdb ? { emdb: emdb as unknown as Record<string, unknown> } : {}),
  };
  const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
  const changed = (Object.keys(patch) as (keyof MapMetadataPatch)[]).some((k) =>
    k === 'emdb' ? !same(jsonbSafe(patch.emdb), row.emdb) : !same(patch[k], row[k as keyof MapRow]));
  return changed ? store.maps.updateMetadata(row.id, patch) : row;
}

/** The URL the store was opened with (the memo LISTENs on a connection of its own). */
function storeUrl(store: Store): string {
  return (store.dataSource.options as { url?: string }).url ?? process.env.DATABASE_URL ?? '';
}

/** Prints the report (memoized too: the sections are stored by now) and copies it to `out`. */
async function writePdf(printer: ReportPdfPrinter, out: string, mapId: string, params: Level0Params, signal: AbortSignal): Promise<void> {
  process.stderr.write(`vrs: printing the PDF report…\n`);
  const pdf = await printer.print(mapId, params, signal);
  await copyFile(pdf.path, out);
  process.stderr.write(`vrs: wrote ${out} (${pdf.pages} pages)\n`);
}
