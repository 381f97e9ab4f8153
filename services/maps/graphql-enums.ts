/**
 * GraphQL enums built from the enums the worker records declare (worker-pool/metrics): one
 * definition each, registered with type-graphql once per process.
 */
import { registerEnumType } from 'type-graphql';
import type { EnumSpec } from '../../worker-pool/metrics/record-schema.js';

const registered = new Map<string, Record<string, string>>();

/** The enum object type-graphql needs (GraphQL name → internal value), registered on first use. */
export function graphqlEnum<V extends string>(spec: EnumSpec<V>): Record<string, V> {
  let e = registered.get(spec.name);
  if (!e) {
    e = { ...spec.values };
    const valuesConfig = Object.fromEntries(Object.entries(spec.valueDescriptions).map(([k, description]) => [k, { description }]));
    registerEnumType(e, { name: spec.name, ...(spec.description ? { description: spec.description } : {}), valuesConfig });
    registered.set(spec.name, e);
  }
  return e as Record<string, V>;
}
