/**
 * `vrs inspect MAP [--json] [--emdb-header XML]`: reads and validates one map file and prints
 * its header, geometry, header-versus-data statistics and format issues; `--json` prints the
 * record the GraphQL `Map` type exposes (spec/graphql.md). Errors reach main.ts's VrsError
 * path (exit code 2 for bad input).
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { VrsError } from '../../worker-pool/errors.js';
import { parseEmdbHeader, type EmdbHeader } from '../../worker-pool/io/emdb-header.js';
import { readMapFile, type MapReadResult } from '../../worker-pool/io/mrc/read.js';

const xyz = (v: { x: number; y: number; z: number }) => ({ x: v.x, y: v.y, z: v.z });

/** The GraphQL `Map` fields for a map read from a file (no database: no createdAt). */
export function mapRecord(read: MapReadResult, name: string, emdb: EmdbHeader | null = null) {
  const h = read.header;
  const g = read.geometry;
  return {
    id: read.sha256,
    name,
    sizeBytes: read.sizeBytes,
    header: {
      nx: h.nx, ny: h.ny, nz: h.nz, mode: h.mode,
      nxstart: h.nxstart, nystart: h.nystart, nzstart: h.nzstart,
      mx: h.mx, my: h.my, mz: h.mz,
      cella: xyz(h.cellA),
      cellb: { alpha: h.cellB.alpha, beta: h.cellB.beta, gamma: h.cellB.gamma }, // GraphQL CellAngles
      mapc: h.mapc, mapr: h.mapr, maps: h.maps,
      dmin: h.dmin, dmax: h.dmax, dmean: h.dmean,
      ispg: h.ispg, nsymbt: h.nsymbt, exttyp: h.exttyp.replace(/\u0000/g, ''), nversion: h.nversion,
      origin: xyz(h.origin), map: h.map, machst: [...h.machst], rms: h.rms, nlabl: h.nlabl, labels: h.labels,
    },
    dimensions: { x: g.dimensions.nx, y: g.dimensions.ny, z: g.dimensions.nz },
    voxelSize: xyz(g.voxelSize),
    origin: xyz(g.origin),
    originSource: g.originSource,
    axisOrder: [...g.axisOrder],
    statistics: { min: read.statistics.min, max: read.statistics.max, mean: read.statistics.mean, std: read.statistics.std, rms: read.statistics.rms },
    formatIssues: read.findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message })),
    contourLevel: emdb?.contourLevel ?? null,
    contourSource: emdb?.contourLevel != null ? 'EMDB_HEADER' : null,
    reportedResolution: emdb?.reportedResolution ?? null,
    emdb: emdb
      ? {
          id: emdb.id, title: emdb.title, authors: emdb.authors, depositionDate: emdb.depositionDate, method: emdb.method,
          reportedResolution: emdb.reportedResolution, contourLevel: emdb.contourLevel, pixelSize: emdb.pixelSize?.x ?? null,
        }
      : null,
  };
}

const MODE_NAMES: Record<number, string> = { 0: 'int8', 1: 'int16', 2: 'float32', 6: 'uint16', 12: 'float16' };
const AXIS = ['?', 'X', 'Y', 'Z'];

function num(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Number.isInteger(v)) return String(v);
  const a = Math.abs(v);
  return a !== 0 && (a < 1e-3 || a >= 1e6) ? v.toExponential(5) : String(Number(v.toPrecision(7)));
}
const trip = (a: number, b: number, c: number, unit = '') => `${num(a)}  ${num(b)}  ${num(c)}${unit}`;

/** The human-readable report of `vrs inspect`. */
export function formatInspect(read: MapReadResult, name: string, emdb: EmdbHeader | null = null): string {
  const h = read.header;
  const g = read.geometry;
  const s = read.statistics;
  const hs = read.headerStatistics;
  const out: string[] = [];
  const row = (label: string, value: string) => out.push(`  ${label.padEnd(13)}${value}`);
  out.push(`${name}  (${read.sizeBytes.toLocaleString('en-US')} bytes${g.gzip ? ', gzip' : ''})`);
  row('sha256', read.sha256);
  row('format', `mode ${g.mode} (${MODE_NAMES[g.mode] ?? '?'}), ${g.byteOrder}-endian, NVERSION ${h.nversion}, map ID ${JSON.stringify(h.map)}, stamp ${h.machst.map((b) => b.toString(16).padStart(2, '0')).join(' ')}`);
  row('file grid', `${g.fileDimensions.join(' × ')} (columns × rows × sections), start ${h.nxstart} ${h.nystart} ${h.nzstart}`);
  row('axis order', `MAPC/MAPR/MAPS = ${g.axisOrder.join(' ')} (columns ${AXIS[g.axisOrder[0]]}, rows ${AXIS[g.axisOrder[1]]}, sections ${AXIS[g.axisOrder[2]]})${g.axisOrder.join() === '1,2,3' ? '' : ', reordered to x fastest'}`);
  row('dimensions', `${g.dimensions.nx} × ${g.dimensions.ny} × ${g.dimensions.nz} voxels (x × y × z)`);
  row('voxel size', trip(g.voxelSize.x, g.voxelSize.y, g.voxelSize.z, ' Å'));
  row('origin', `${trip(g.origin.x, g.origin.y, g.origin.z, ' Å')}  (from ${g.originSource === 'ORIGIN' ? 'the ORIGIN field' : g.originSource === 'NSTART' ? 'NxSTART × voxel size' : 'neither: zero'})`);
  row('cell', `${trip(h.cellA.x, h.cellA.y, h.cellA.z, ' Å')}, angles ${trip(h.cellB.alpha, h.cellB.beta, h.cellB.gamma, '°')}, sampling ${h.mx} ${h.my} ${h.mz}`);
  row('space group', String(h.ispg));
  row('ext. header', g.extendedHeader.bytes ? `${g.extendedHeader.bytes} bytes, type ${JSON.stringify(g.extendedHeader.type)} (skipped)` : 'none');
  const labels = h.labels.filter((l) => l.trim() !== '');
  row('labels', labels.length ? labels[0]! : '(none)');
  for (const l of labels.slice(1)) row('', l);
  if (emdb) {
    row('EMDB', `${emdb.id}${emdb.title ? `: ${emdb.title}` : ''}`);
    row('', `resolution ${emdb.reportedResolution ?? '?'} Å, contour ${emdb.contourLevel ?? '?'}, pixel ${emdb.pixelSize ? num(emdb.pixelSize.x) : '?'} Å, method ${emdb.method ?? '?'}`);
  }
  out.push('');
  out.push(`  ${'statistics'.padEnd(13)}${'header'.padStart(16)}${'data'.padStart(16)}`);
  const stat = (label: string, header: string, data: string) => out.push(`  ${label.padEnd(13)}${header.padStart(16)}${data.padStart(16)}`);
  stat('min', num(hs.min), num(s.min));
  stat('max', num(hs.max), num(s.max));
  stat('mean', num(hs.mean), num(s.mean));
  stat('std (RMS)', num(hs.rms), num(s.std));
  stat('rms √mean v²', '–', num(s.rms));
  stat('NaN voxels', '–', String(s.nanCount));
  out.push('');
  if (read.findings.length === 0) out.push('  format issues: none');
  else {
    out.push(`  format issues (${read.findings.length}):`);
    for (const f of read.findings) out.push(`    ${f.severity.padEnd(8)}${f.code.padEnd(26)}${f.message}`);
  }
  return out.join('\n') + '\n';
}

/**
 * The --emdb-header file of `vrs inspect` and `vrs validate`, parsed. A file that cannot be
 * read is a bad parameter naming the path (EMDB_HEADER_INVALID is for malformed XML).
 */
export async function readEmdbHeaderFile(path: string): Promise<EmdbHeader> {
  let xml: string;
  try {
    xml = await readFile(path, 'utf8');
  } catch (error) {
    throw new VrsError('BAD_PARAMETER', `The EMDB header file ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); check the --emdb-header path.`);
  }
  return parseEmdbHeader(xml);
}

export function registerInspect(program: Command): void {
  program
    .command('inspect')
    .description('Read a map (MRC/CCP4, optionally .gz): header, axis order, voxel size, origin, statistics, format issues')
    .argument('<map>', 'map file (.map, .mrc, .ccp4, optionally .gz)')
    .option('--json', 'print the GraphQL Map record as JSON')
    .option('--emdb-header <xml>', 'EMDB header XML to add entry metadata (contour, resolution)')
    .action(async (mapPath: string, opts: { json?: boolean; emdbHeader?: string }) => {
      const emdb = opts.emdbHeader ? await readEmdbHeaderFile(opts.emdbHeader) : null;
      const read = await readMapFile(mapPath);
      const name = basename(mapPath);
      process.stdout.write(opts.json ? JSON.stringify(mapRecord(read, name, emdb), null, 2) + '\n' : formatInspect(read, name, emdb));
    });
}
