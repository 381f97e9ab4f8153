/** The graph's limits: request sizes, query shape, time (graph/server.ts applies them; the in-process graph its query ones). */
export interface ServerLimits {
  /** POST /graphql body, bytes (default 1 MiB). */
  bodyBytes: number;
  /** PUT /maps upload, bytes (default 4 GiB). */
  uploadBytes: number;
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  maxTokens: number;
  /** GraphQL request timeout, ms (default 10 min: a section may compute for minutes). */
  requestTimeoutMs: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  bodyBytes: 1 << 20,
  uploadBytes: 4 * 2 ** 30,
  maxDepth: 10,
  maxCost: 20_000,
  maxAliases: 30,
  maxTokens: 5_000,
  requestTimeoutMs: 10 * 60_000,
};
