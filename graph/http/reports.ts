/**
 * GET /maps/{id}/report.pdf?threshold=&resolution=&profile=: the PDF report. The route asks
 * the graph, as any client would: the reports subgraph's renderReport mutation, run in
 * process through the gateway with wait: true, renders the PDF once (memoized; concurrent
 * requests render once) and answers its SHA-256; the route then streams that stored file.
 * The map id's form and the query string are read here (400 MAP_ID_MALFORMED; decimal numbers
 * only, profile standard or vrs-2024: 400 BAD_PARAMETER); the graph checks the rest (the map,
 * the ranges) and its errors keep their codes.
 */
import type { FastifyPluginAsync } from 'fastify';
import { CRITERIA_PROFILE, parseProfile } from '../../worker-pool/metrics/profile.js';
import { VrsError } from '../../worker-pool/errors.js';
import { MAP_ID_PATTERN } from '../../services/maps/common.type.js';
import type { HttpServices } from '../http-services.js';
import type { GraphExecutor } from './apollo.js';
import { errorOfAnswer } from './errors.js';
import { sendFile } from './files.js';

export interface ReportRouteOptions {
  services: HttpServices;
  execute: GraphExecutor;
}

const RENDER_REPORT = `mutation ReportPdf($mapId: ID!, $threshold: Float, $resolution: Float, $profile: CriteriaProfile) {
  renderReport(mapId: $mapId, threshold: $threshold, resolution: $resolution, profile: $profile, wait: true) { state pdfSha256 }
}`;

/** Plain decimal notation, optionally with an exponent (not 0x10, 0b1, Infinity or " 5 ", which Number() takes). */
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function numberParam(q: URLSearchParams, name: string): number | null {
  const v = q.get(name);
  if (v == null || v === '') return null;
  const n = Number(v);
  if (!DECIMAL.test(v)) throw new VrsError('BAD_PARAMETER', `${name} must be a decimal number such as 0.5 or 3.4 (got "${v.slice(0, 40)}").`);
  if (!Number.isFinite(n)) throw new VrsError('BAD_PARAMETER', `${name} must be a finite number (got "${v.slice(0, 40)}", beyond the range of a double).`);
  return n;
}

/** The graph's CriteriaProfile name for ?profile= (parsed by the one profile parser). */
function profileParam(q: URLSearchParams): string {
  const profile = parseProfile(q.get('profile') ?? 'standard', 'profile');
  return Object.entries(CRITERIA_PROFILE.values).find(([, v]) => v === profile)![0];
}

export const reportRoutes: FastifyPluginAsync<ReportRouteOptions> = async (app, { services, execute }) => {
  app.get<{ Params: { id: string } }>('/maps/:id/report.pdf', async (request, reply) => {
    const mapId = request.params.id;
    // the id first, as before any parameter (the graph checks it again)
    if (!MAP_ID_PATTERN.test(mapId)) throw new VrsError('MAP_ID_MALFORMED', `"${mapId.slice(0, 80)}" is not a map id (64 lowercase hex digits).`);
    const q = request.url.indexOf('?');
    const query = new URLSearchParams(q < 0 ? '' : request.url.slice(q + 1));
    const variables = { mapId, threshold: numberParam(query, 'threshold'), resolution: numberParam(query, 'resolution'), profile: profileParam(query) };
    const answer = await execute(RENDER_REPORT, variables);
    if (answer.errors?.length) throw errorOfAnswer(answer.errors[0] as Parameters<typeof errorOfAnswer>[0]);
    const report = (answer.data as { renderReport?: { state: string; pdfSha256: string | null } } | undefined)?.renderReport;
    if (report?.state !== 'DONE' || !report.pdfSha256) throw new VrsError('REPORT_FAILED', `The report is ${report?.state ?? 'missing'} after rendering.`);
    const file = await services.artifactFile(report.pdfSha256, 'pdf');
    if (!file) throw new VrsError('BLOB_MISSING', `The stored PDF ${report.pdfSha256} is missing from the blob folder.`);
    return sendFile(reply, file.path, 'application/pdf', false);
  });
};
