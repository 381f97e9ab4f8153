import 'reflect-metadata';
import { startServer } from '/work/wt-i18/dist/graph/server.js';
const services = { maps: { getMany: async (ids) => ids.map(() => null) }, ingestUpload: async (body, name) => { body.resume(); return { id: 'x', name }; }, artifactFile: async () => null, databaseHealthy: async () => true };
const s = await startServer({ services, port: 0 });
const r = await fetch(`${s.url}/maps/%zz.map`, { method: 'PUT', body: 'abc' });
console.log(r.status, await r.text());
await s.close();
