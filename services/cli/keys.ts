/**
 * `vrs keys create|list|revoke`: the API keys of the server whose database this is (DATABASE_URL,
 * else the embedded one of the data folder). A key's secret is printed once, at creation.
 */
import type { Command } from 'commander';
import { VrsError } from '../../worker-pool/errors.js';
import { ApiKeys, DEFAULT_RATE_PER_MINUTE, DEFAULT_UPLOAD_BYTES_PER_DAY } from '../auth/api-keys.js';
import { openStore } from '../store/index.js';

async function withKeys<T>(run: (keys: ApiKeys) => Promise<T>): Promise<T> {
  const store = await openStore();
  try {
    return await run(new ApiKeys(store.dataSource, store.where));
  } finally {
    await store.close();
  }
}

const positive = (name: string) => (raw: string): number => {
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new VrsError('BAD_PARAMETER', `${name} must be a positive number (got ${raw}).`);
  return n;
};

export function registerKeys(program: Command): void {
  const keys = program.command('keys').description('Create, list and revoke API keys (needed beyond loopback for mutations, uploads and blobs)');
  keys.command('create')
    .argument('<name>', 'who or what uses the key')
    .option('--rate <n>', 'requests a minute', positive('--rate'), DEFAULT_RATE_PER_MINUTE)
    .option('--upload-bytes-per-day <n>', 'upload quota, bytes a day', positive('--upload-bytes-per-day'), DEFAULT_UPLOAD_BYTES_PER_DAY)
    .option('--json', 'print {key, id, …} as JSON')
    .action(async (name: string, o: { rate: number; uploadBytesPerDay: number; json?: boolean }) => {
      const { key, record } = await withKeys((k) => k.create(name, { ratePerMinute: Math.floor(o.rate), uploadBytesPerDay: o.uploadBytesPerDay }));
      if (o.json) console.log(JSON.stringify({ key, ...record }));
      else console.log(`${key}\n(key ${record.id} for "${record.name}": ${record.ratePerMinute} requests a minute; the secret is shown only now)`);
    });
  keys.command('list')
    .option('--json', 'print the keys as JSON')
    .action(async (o: { json?: boolean }) => {
      const list = await withKeys((k) => k.list());
      if (o.json) return void console.log(JSON.stringify(list));
      console.log(['id', 'name', 'rate/min', 'created', 'last used', 'revoked'].join('\t'));
      for (const r of list) console.log([r.id, r.name, r.ratePerMinute, r.createdAt.toISOString(), r.lastUsedAt?.toISOString() ?? '-', r.revokedAt?.toISOString() ?? '-'].join('\t'));
    });
  keys.command('revoke')
    .argument('<id>', 'the key id (the 16 hex digits after vrs_)')
    .action(async (id: string) => {
      const done = await withKeys((k) => k.revoke(id));
      if (!done) throw new VrsError('BAD_PARAMETER', `No live key has id ${id}; see vrs keys list.`);
      console.log(`vrs: key ${id} revoked`);
    });
}
