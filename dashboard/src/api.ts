/**
 * The dashboard's only ways to the server: POST /graphql (typed documents from
 * generated/graphql.ts, or a level query built from reportLayout) and PUT /maps/{filename}
 * (uploads, with progress). Any answer is handled: GraphQL errors (code in extensions), the
 * other routes' {error: {code, message}}, a body that is not JSON, or no data.
 */
import type { TypedDocument } from './generated/graphql';

export class ApiError extends Error {
  constructor(message: string, readonly code: string | null, readonly path: readonly (string | number)[] | null = null) {
    super(message);
  }
}

interface GqlError { message?: string; extensions?: { code?: string }; path?: (string | number)[] }

/** Data and field errors: a section that fails resolves to null with its error on its path. */
export interface Answer<R> { data: R; errors: ApiError[] }

const toError = (e: GqlError) => new ApiError(e.message ?? 'error', e.extensions?.code ?? null, e.path ?? null);

export async function request<R, V>(document: TypedDocument<R, V> | string, variables: V): Promise<Answer<R>> {
  const res = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: document, variables }) });
  const body = await res.json().catch(() => null) as { data?: R | null; errors?: GqlError[]; error?: { code?: string; message?: string } } | null;
  const errors = Array.isArray(body?.errors) ? body!.errors.map(toError)
    : body?.error ? [new ApiError(body.error.message ?? res.statusText, body.error.code ?? null)] : [];
  if (body?.data == null) throw errors[0] ?? new ApiError(`the server answered HTTP ${res.status} ${res.statusText} without data`, null);
  return { data: body.data, errors };
}

/** The data, or the first error (for operations where any error means failure). */
export async function gql<R, V>(document: TypedDocument<R, V>, variables: V): Promise<R> {
  const { data, errors } = await request(document, variables);
  if (errors.length) throw errors[0];
  return data;
}

export interface Uploaded { id: string; name: string; kind?: string }

/** PUT /maps/{filename} with upload progress (fetch has none for request bodies): the staged id. */
export function upload(file: File, onProgress: (fraction: number) => void): Promise<Uploaded> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', `/maps/${encodeURIComponent(file.name)}`);
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onerror = () => reject(new ApiError(`The upload of ${file.name} was cut off.`, null));
    xhr.onload = () => {
      let body: { id?: string; name?: string; kind?: string; error?: { code?: string; message?: string } } | null = null;
      try { body = JSON.parse(xhr.responseText); } catch { /* not JSON: reported below */ }
      if (xhr.status >= 200 && xhr.status < 300 && body?.id) resolve({ id: body.id, name: body.name ?? file.name, kind: body.kind });
      else reject(new ApiError(body?.error?.message ?? `HTTP ${xhr.status} for ${file.name}`, body?.error?.code ?? null));
    };
    xhr.send(file);
  });
}

export const describe = (e: unknown) => (e instanceof ApiError && e.code ? `[${e.code}] ${e.message}` : e instanceof Error ? e.message : String(e));
