/**
 * `vrs batch FOLDER|LIST`: validates many maps through a gateway (`vrs serve`, with or without
 * compute): uploads every map (PUT /maps; with its EMDB header XML when one lies beside it:
 * emd-NNNN.xml, <stem>.xml or <stem>_header.xml), starts Level 0 for each (startLevel0: one job per section),
 * shows a progress bar of the sections and ends with a table and a CSV (one row per map and
 * section; a map whose Level 0 is refused as a whole, e.g. anisotropic voxels, one REFUSED row
 * with the code). It asks no rank: the gateway stores each section's ranked numbers as it is
 * stored (and a restarted gateway's start-up pass those it missed), so the maps of a batch rank
 * among each other. A list file may give a map's reported resolution
 * after its path (`emd_5625.map 8.5`), for a map without an EMDB header. Interrupted, it resumes: the state file (<csv>.state.json) keeps each file's map id
 * (by size and modification time), so nothing is uploaded twice, and the memo keeps what was
 * computed, so nothing is computed twice.
 */
import { createReadStream, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { VrsError } from '../../worker-pool/errors.js';

const MAP_FILE = /\.(map|mrc|ccp4)(\.gz)?$/i;

export interface BatchItem {
  path: string;
  /** EMDB header XML beside the map, if any. */
  header: string | null;
  /** Å, the reported resolution a list file gives after the path (null: the header's, if any) */
  resolution: number | null;
}

/**
 * The maps of a folder (sorted), or of a list file: one map a line, its path relative to the
 * list's folder, optionally followed by its reported resolution in Å; # starts a comment.
 */
export function batchItems(source: string): BatchItem[] {
  const abs = resolve(source);
  if (!existsSync(abs)) throw new VrsError('MAP_NOT_FOUND', `${source} does not exist; give a folder of maps or a text file listing them.`);
  const lines = statSync(abs).isDirectory()
    ? readdirSync(abs).filter((n) => MAP_FILE.test(n)).sort().map((n) => ({ path: join(abs, n), resolution: null }))
    : readFileSync(abs, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#')).map((l, k) => listLine(l, k + 1, abs));
  if (lines.length === 0) throw new VrsError('BAD_PARAMETER', `${source} holds no map (.map, .mrc, .ccp4, optionally .gz).`);
  return lines.map(({ path, resolution }) => ({ path, header: headerBeside(path), resolution }));
}

/** A list file's line: `path` or `path resolution` (Å, a positive number). */
function listLine(line: string, n: number, list: string): { path: string; resolution: number | null } {
  const m = /^(.*?)(?:\s+(\S+))?$/.exec(line)!;
  const last = m[2];
  if (last === undefined || MAP_FILE.test(last)) return { path: resolve(dirname(list), line), resolution: null };
  const resolution = Number(last);
  if (!Number.isFinite(resolution) || resolution <= 0) {
    throw new VrsError('BAD_PARAMETER', `${list} line ${n}: "${last}" after the map path is not a resolution in Å (a positive number).`);
  }
  return { path: resolve(dirname(list), m[1]!), resolution };
}

function headerBeside(path: string): string | null {
  const dir = dirname(path);
  const stem = basename(path).replace(MAP_FILE, '');
  // <stem>_header.xml: the name the shared test data gives emd_1997's header
  const candidates = [`${stem}.xml`, `${stem}_header.xml`, `${stem.replace(/^emd_(\d+).*$/i, 'emd-$1')}.xml`];
  for (const c of candidates) if (existsSync(join(dir, c))) return join(dir, c);
  return null;
}

interface Section { section: string; metric: string; state: string; computeMillis: number | null; error: { code: string; message: string } | null }
interface StateFile { maps: Record<string, { size: number; mtimeMs: number; mapId: string }> }

const FINAL = new Set(['DONE', 'FAILED']);
/** How often sections still NOT_STARTED are asked for again, ms. */
const REASK_MS = 30_000;

export interface BatchOptions {
  gateway: string;
  apiKey?: string;
  csv: string;
  pollMs?: number;
  /** How long a gateway or database outage is waited out before giving up, ms (default 5 min). */
  retryMs?: number;
  /** Progress and table (default stderr / stdout). */
  err?: NodeJS.WriteStream;
  out?: NodeJS.WritableStream;
}

export interface BatchRow {
  file: string;
  mapId: string;
  sections: Section[];
  /** The map's Level 0 was refused as a whole (an input error: e.g. MAP_ANISOTROPIC_VOXELS); no section runs. */
  refused?: { code: string; message: string };
}

export interface BatchResult {
  rows: BatchRow[];
  uploaded: number;
  /** Sections FAILED, plus maps refused as a whole. */
  failed: number;
}

export async function runBatch(items: BatchItem[], o: BatchOptions): Promise<BatchResult> {
  const base = o.gateway.replace(/\/$/, '');
  const auth: Record<string, string> = o.apiKey ? { authorization: `Bearer ${o.apiKey}` } : {};
  const statePath = `${o.csv}.state.json`;
  const state: StateFile = existsSync(statePath) ? JSON.parse(readFileSync(statePath, 'utf8')) : { maps: {} };
  const gql = <T>(query: string, variables: Record<string, unknown>): Promise<T> => whileTransient(async () => {
    const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify({ query, variables }) });
    // a gateway restarting, or a proxy in front of it, may answer without GraphQL: retried
    const body = (await res.json().catch(() => {
      throw new VrsError(res.status >= 500 ? 'DB_UNAVAILABLE' : 'INTERNAL', `The gateway answered ${res.status} without a GraphQL body.`);
    })) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
    if (body.errors?.length) throw new VrsError((body.errors[0]!.extensions?.code ?? 'INTERNAL') as 'INTERNAL', `The gateway answered: ${body.errors[0]!.message}`);
    return body.data as T;
  }, o.retryMs ?? 300_000);
  // 1. upload (or find in the state file) and register every map
  let uploaded = 0;
  const maps: { file: string; mapId: string; refused?: { code: string; message: string } }[] = [];
  for (const item of items) {
    const s = statSync(item.path);
    const known = state.maps[item.path];
    let mapId = known && known.size === s.size && known.mtimeMs === s.mtimeMs ? known.mapId : null;
    if (!mapId) {
      const res = await fetch(`${base}/maps/${encodeURIComponent(basename(item.path))}`, {
        method: 'PUT', headers: { 'content-length': String(s.size), ...auth },
        body: Readable.toWeb(createReadStream(item.path)) as ReadableStream, duplex: 'half',
      } as RequestInit);
      const body = (await res.json()) as { id?: string; error?: { code: string; message: string } };
      if (!res.ok || !body.id) throw new VrsError((body.error?.code ?? 'INTERNAL') as 'INTERNAL', `Uploading ${item.path} failed (${res.status}): ${body.error?.message ?? ''}`);
      mapId = body.id;
      if (item.header || item.resolution !== null) {
        const input = { uploadId: mapId, ...(item.header ? { emdbHeaderXml: readFileSync(item.header, 'utf8') } : {}), ...(item.resolution !== null ? { reportedResolution: item.resolution } : {}) };
        await gql('mutation($input: RegisterMapInput!) { registerMap(input: $input) { id } }', { input });
      }
      uploaded++;
      state.maps[item.path] = { size: s.size, mtimeMs: s.mtimeMs, mapId };
      writeFileSync(statePath, JSON.stringify(state, null, 1));
    }
    maps.push({ file: item.path, mapId });
  }
  // 2. start Level 0 everywhere (sections already computed are not asked again)
  const fields = 'section metric state computeMillis error { code message }';
  // a map whose Level 0 is refused as a whole (an input error with its code, after the transient
  // ones are waited out) is stated in the table and the CSV, and the batch goes on without it
  for (const m of maps) {
    await gql(`mutation($id: ID!) { startLevel0(mapId: $id) { section } }`, { id: m.mapId }).catch((error: unknown) => {
      if (!(error instanceof VrsError) || error.code === 'INTERNAL') throw error;
      m.refused = { code: error.code, message: error.message.replace(/^The gateway answered: /, '') };
    });
  }
  const running = maps.filter((m) => !m.refused);
  // 3. poll until every section is done or failed
  const bar = new cliProgress.SingleBar({ stream: o.err ?? process.stderr, format: '  Level 0 {bar} {value}/{total} sections  {maps}', barsize: 30, hideCursor: true, noTTYOutput: true, notTTYSchedule: 5000 }, cliProgress.Presets.shades_classic);
  let rows: BatchRow[] = [];
  let started = false;
  let lastAsk = Date.now();
  for (;;) {
    rows = await Promise.all(running.map(async (m) => ({
      ...m, sections: (await gql<{ level0Status: Section[] }>(`query($id: ID!) { level0Status(mapId: $id) { ${fields} } }`, { id: m.mapId })).level0Status,
    })));
    const total = rows.reduce((n, r) => n + r.sections.length, 0);
    const finished = rows.reduce((n, r) => n + r.sections.filter((s) => FINAL.has(s.state)).length, 0);
    const mapsDone = rows.filter((r) => r.sections.every((s) => FINAL.has(s.state))).length;
    if (!started) { bar.start(total, finished, { maps: '' }); started = true; }
    bar.update(finished, { maps: `${mapsDone}/${running.length} maps` });
    if (finished === total) break;
    // a section nobody has asked for (NOT_STARTED: its startLevel0 was cut short, by an outage or
    // a stopped gateway) is asked again; queued ones are the gateway's (it re-sends lost jobs)
    if (Date.now() - lastAsk > REASK_MS) {
      lastAsk = Date.now();
      for (const r of rows) {
        if (r.sections.some((x) => x.state === 'NOT_STARTED' && !x.error)) await gql(`mutation($id: ID!) { startLevel0(mapId: $id) { section } }`, { id: r.mapId });
      }
    }
    await new Promise((r) => setTimeout(r, o.pollMs ?? 1000));
  }
  bar.stop();
  // every map's ranked numbers are in the rank table by now: the gateway stores them as each
  // started section is stored, and its start-up pass (OrchestratorLevelsService.recordMissingRanks) adds those a
  // restart cut short, so the batch asks for no rank itself
  rows = maps.map((m) => rows.find((r) => r.mapId === m.mapId) ?? { ...m, sections: [] });
  writeFileSync(o.csv, csvOf(rows));
  const failed = rows.reduce((n, r) => n + r.sections.filter((s) => s.state === 'FAILED').length + (r.refused ? 1 : 0), 0);
  (o.out ?? process.stdout).write(tableOf(rows));
  return { rows, uploaded, failed };
}

/** Codes that say "later": the database restarts, the request or a subgraph timed out, a subgraph was unreachable. */
const TRANSIENT = new Set(['DB_UNAVAILABLE', 'REQUEST_TIMEOUT', 'SUBREQUEST_HTTP_ERROR', 'SUBREQUEST_MALFORMED_RESPONSE']);

/** A gateway that does not answer, or whose database does not (a restart): retried with backoff until `limitMs`. */
async function whileTransient<T>(operation: () => Promise<T>, limitMs: number): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (let pause = 250; ; pause = Math.min(pause * 2, 5_000)) {
    try {
      return await operation();
    } catch (error) {
      const transient = error instanceof TypeError /* fetch: refused, reset */ || TRANSIENT.has((error as VrsError).code);
      if (!transient || Date.now() + pause > deadline) throw error;
      await new Promise((r) => setTimeout(r, pause));
    }
  }
}

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function csvOf(rows: BatchRow[]): string {
  const lines = ['file,map_id,section,metric,state,compute_ms,error_code,error_message'];
  for (const r of rows) if (r.refused) lines.push([r.file, r.mapId, '', '', 'REFUSED', '', r.refused.code, r.refused.message].map(csvCell).join(','));
  for (const r of rows) for (const s of r.sections) {
    lines.push([r.file, r.mapId, s.section, s.metric, s.state, s.computeMillis === null ? '' : Math.round(s.computeMillis), s.error?.code, s.error?.message].map(csvCell).join(','));
  }
  return `${lines.join('\n')}\n`;
}

function tableOf(rows: BatchRow[]): string {
  const width = Math.max(4, ...rows.map((r) => basename(r.file).length));
  const lines = [`${'map'.padEnd(width)}  map id        done  failed  compute s  first error`];
  for (const r of rows) {
    const done = r.sections.filter((s) => s.state === 'DONE').length;
    const failed = r.sections.filter((s) => s.state === 'FAILED');
    const secs = r.sections.reduce((t, s) => t + (s.computeMillis ?? 0), 0) / 1000;
    lines.push(`${basename(r.file).padEnd(width)}  ${r.mapId.slice(0, 12)}  ${String(done).padStart(4)}  ${String(failed.length).padStart(6)}  ${secs.toFixed(1).padStart(9)}  ${r.refused ? `refused: [${r.refused.code}]` : failed[0] ? `${failed[0].section}: [${failed[0].error?.code}]` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

export function registerBatch(program: Command): void {
  program
    .command('batch')
    .description('Validate every map of a folder (or a list file) through a gateway: upload, Level 0 jobs, progress, table and CSV; resumes after an interruption')
    .argument('<source>', 'a folder of maps (.map, .mrc, .ccp4, optionally .gz) or a text file with one map path a line, optionally followed by its reported resolution in Å')
    .option('--gateway <url>', 'the gateway (vrs serve) to use (default VRS_GATEWAY_URL, else http://127.0.0.1:4000)')
    .option('--api-key <key>', 'API key (default VRS_API_KEY); needed when the gateway listens beyond loopback')
    .option('--csv <file>', 'where to write the results (one row per map and section); its .state.json beside it lets a rerun resume', 'vrs-batch.csv')
    .action(async (source: string, o: { gateway?: string; apiKey?: string; csv: string }) => {
      const items = batchItems(source);
      const result = await runBatch(items, {
        gateway: o.gateway ?? process.env.VRS_GATEWAY_URL ?? 'http://127.0.0.1:4000',
        apiKey: o.apiKey ?? process.env.VRS_API_KEY, csv: resolve(o.csv),
      });
      const refused = result.rows.filter((r) => r.refused).length;
      process.stderr.write(`vrs: ${items.length} maps (${result.uploaded} uploaded now), ${result.failed - refused} sections failed, ${refused} maps refused; results in ${resolve(o.csv)}\n`);
      if (result.failed > 0) process.exitCode = 1;
    });
}
