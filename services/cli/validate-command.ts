/**
 * `vrs validate`'s command line: its options, and the action that runs it (validate.ts). Kept
 * apart from the run so that the run's modules (TypeORM, the pool, the metrics: ≈ 0.5 s of
 * imports) load while a first run's embedded cluster is already being made (store/initdb.ts).
 */
import type { Command } from 'commander';
import { VrsError } from '../../worker-pool/errors.js';
import { parseProfile } from '../../worker-pool/metrics/profile.js';
import type { CriteriaProfile } from '../../worker-pool/metrics/types.js';
import { enableTimings } from '../../worker-pool/timings.js';
import { prepareDefaultCluster } from '../store/initdb.js';
import type { StartReportPrinter, ValidateOptions } from './validate.js';

function positiveNumber(name: string) {
  return (text: string): number => {
    const v = Number(text);
    if (text.trim() === '' || !Number.isFinite(v) || v <= 0) throw new VrsError('BAD_PARAMETER', `${name} must be a positive number, got "${text}".`);
    return v;
  };
}

function finiteNumber(name: string) {
  return (text: string): number => {
    const v = Number(text);
    if (text.trim() === '' || !Number.isFinite(v)) throw new VrsError('BAD_PARAMETER', `${name} must be a number, got "${text}".`);
    return v;
  };
}

const profileOption = (text: string): CriteriaProfile => parseProfile(text, '--profile');

export function registerValidate(program: Command, printPdf: StartReportPrinter): void {
  program
    .command('validate')
    .description('Run the Level 0 validation of a map: prints a summary, writes the JSON and the PDF report')
    .argument('<map>', 'map file (.map, .mrc, .ccp4, optionally .gz)')
    .option('--threshold <T>', 'density threshold (map units); default: the EMDB header contour, else the level above which 1 % of voxels lie', finiteNumber('--threshold'))
    .option('--resolution <R>', 'reported resolution, Å; without it 0.d–0.h do not apply', positiveNumber('--resolution'))
    .option('--emdb-header <xml>', 'EMDB header XML (contour level, resolution, metadata)')
    .option('--profile <profile>', 'criteria profile: standard or vrs-2024', profileOption, 'standard')
    .option('--voxel-size <A>', 'voxel size, Å (overrides the map header)', positiveNumber('--voxel-size'))
    .option('--json <out>', 'write the Level 0 result as JSON (GraphQL level0 field names)')
    .option('--pdf <out>', 'write the PDF report')
    .option('--half1 <map>', "half map 1 (with --half2): on the map's grid (dimensions, voxel size, origin); linked to the map for the half-map analyses")
    .option('--half2 <map>', 'half map 2 (with --half1)')
    .option('--timings', 'print where the time and memory go (phase by phase, to stderr; also VRS_TIMINGS=1)')
    .option('--model <file>', 'atomic model (.pdb, .ent, .cif, optionally .gz; first model, per residue the alternate location of highest occupancy), linked to the map')
    .action(async (map: string, options: ValidateOptions) => {
      if (options.timings) enableTimings();
      // a first run's embedded cluster is made while the run's modules load and the map is read
      const prepared = prepareDefaultCluster();
      const run = await import('./validate.js').catch(async (error: unknown) => {
        await prepared?.discard();
        throw error;
      });
      await run.runValidate(map, options, printPdf, prepared);
    });
}

