/**
 * The metric store: one call opens everything a service needs.
 *
 *   const store = await openStore();          // DATABASE_URL, else the embedded server
 *   await store.maps.insert({...});
 *   const { result, fromCache } = await store.memo.getOrCompute(key, compute);
 *   await store.close();                      // closes connections; stops an embedded server this process started
 */
import { mkdirSync } from 'node:fs';
import type { DataSource } from 'typeorm';
import { BlobStore } from './blob-store.js';
import { blobDir } from './config.js';
import { openDataSource, type DataSourceOptions, type OpenDataSource } from './data-source.js';
import { MapInputsRepository, UploadedFilesRepository } from './map-inputs-repository.js';
import { MapsRepository } from './maps-repository.js';
import { MetricMemo, type MemoOptions } from './memo.js';

export interface StoreOptions extends DataSourceOptions {
  /** Blob folder (default BLOB_DIR, else `<data>/blobs`). */
  blobDir?: string;
  memo?: MemoOptions;
}

export interface Store {
  dataSource: DataSource;
  maps: MapsRepository;
  /** Files linked to a map by role (half maps, mask, model). */
  inputs: MapInputsRepository;
  /** Uploaded files that are not maps (atomic models). */
  uploads: UploadedFilesRepository;
  memo: MetricMemo;
  blobs: BlobStore;
  /** host:port/database, safe to print. */
  where: string;
  /** True when the embedded server is in use. */
  embedded: boolean;
  /** True when this process started the embedded server (and stops it at close or exit). */
  startedEmbeddedServer: boolean;
  close(): Promise<void>;
}

export async function openStore(options: StoreOptions = {}): Promise<Store> {
  const opened: OpenDataSource = await openDataSource(options);
  const root = options.blobDir ?? blobDir();
  mkdirSync(root, { recursive: true });
  const memo = new MetricMemo(opened.dataSource, opened.url, opened.where, options.memo);
  const maps = new MapsRepository(opened.dataSource, opened.where, opened.url);
  let closed: Promise<void> | null = null;
  return {
    dataSource: opened.dataSource,
    maps,
    inputs: new MapInputsRepository(opened.dataSource, opened.where),
    uploads: new UploadedFilesRepository(opened.dataSource, opened.where),
    memo,
    blobs: new BlobStore(root, opened.dataSource, opened.where),
    where: opened.where,
    embedded: opened.embedded !== null,
    startedEmbeddedServer: opened.embedded?.startedHere ?? false,
    close: () => (closed ??= (async () => {
      await memo.close();
      await maps.close();
      await opened.close();
    })()),
  };
}

export { openDataSource, createDataSource, runMigrations } from './data-source.js';
export type { DataSourceOptions, OpenDataSource } from './data-source.js';
export { MapsRepository, assertMapId } from './maps-repository.js';
export type { NewMap, MapMetadataPatch, MapPage } from './maps-repository.js';
export { MapInputsRepository, UploadedFilesRepository } from './map-inputs-repository.js';
export type { NewMapInput, InputFileRef } from './map-inputs-repository.js';
export { MetricMemo, errorFromStored, storedErrorOf } from './memo.js';
export type { MemoKey, MemoOptions, MemoOutcome, MemoState, ComputeOutput, MetricResultRecord } from './memo.js';
export { BlobStore } from './blob-store.js';
export { canonicalJson, paramsHash } from './canonical.js';
export { ensureEmbeddedPostgres } from './embedded-postgres.js';
export { prepareCluster, type PreparedCluster } from './initdb.js';
export type { EmbeddedServer } from './embedded-postgres.js';
export { blobDir, dataDir, embeddedClusterDir } from './config.js';
export { isConnectionError, withDb } from './db-errors.js';
export * from './entities/index.js';
