import 'reflect-metadata';
import { startServer } from '/work/wt-i18/dist/graph/server.js';
const services = { maps: { getMany: async (ids) => ids.map(() => null) }, ingestUpload: async (body, name) => { body.resume(); return { id: 'x', name }; }, artifactFile: async () => null, databaseHealthy: async () => true };
const s = await startServer({ services, port: 0 });
for (const p of ['/maps/%zz.map', '/maps/a%zz.map', '/maps/%E0%A4%A.map', '/maps/%zz', '/maps/x%ff.map', '/artifacts/%zz.png', '/maps/%zz/report.pdf']) {
  const r = await fetch(`${s.url}${p}`, { method: p.includes('report')||p.includes('artifacts') ? 'GET' : 'PUT', body: p.includes('report')||p.includes('artifacts') ? undefined : new Uint8Array(2048), headers: {'content-type': 'application/octet-stream'} });
  console.log(p, r.status, await r.text());
}
await s.close();
