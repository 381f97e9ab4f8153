/** VrsError → GraphQLError with the stable code in `extensions.code` (spec: Conventions). */
import { GraphQLError } from 'graphql';
import { isVrsError } from '../worker-pool/errors.js';
import { detailsWithoutServerPaths, withoutServerPaths } from '../worker-pool/server-paths.js';

export function toGraphQLError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) return error;
  if (isVrsError(error)) {
    // the client reads no folder of the server (worker-pool/server-paths.ts)
    return new GraphQLError(withoutServerPaths(error.message), {
      originalError: error, extensions: { code: error.code, ...(error.details ? { details: detailsWithoutServerPaths(error.details) } : {}) },
    });
  }
  // Unexpected failures keep their text out of the answer (it may leak internals): log it.
  console.error('[graph] internal error:', error);
  return new GraphQLError('An internal error occurred; the details are in the server log.', {
    originalError: error instanceof Error ? error : undefined,
    extensions: { code: 'INTERNAL' },
  });
}
