/**
 * The shape of a result record, declared once beside the code that fills it, as plain data:
 * field names, kinds (float, int, string, boolean, enum, nested object, list), nullability and
 * descriptions with their units. The services build the GraphQL types from it (no section has a
 * hand-written GraphQL class) and `vrs validate --json` writes the records as they are.
 *
 * The compiler links a schema to its TypeScript interface: `recordSchema<R>()(…)` takes exactly
 * one field spec per property of R, and each spec's type must match the property's type exactly
 * (a number field cannot be declared as a string, a nullable property must be declared
 * nullable, and the other way round), so the interface and the public schema cannot drift.
 * Nothing here knows about GraphQL.
 */

/** An enumeration declared once: its GraphQL name and its values (internal value by GraphQL name). */
export interface EnumSpec<V extends string = string> {
  readonly name: string;
  readonly description: string | null;
  /** GraphQL name → internal value (the value the records carry). */
  readonly values: Readonly<Record<string, V>>;
  /** GraphQL name → what the value means, in words. */
  readonly valueDescriptions: Readonly<Record<string, string>>;
}

export function defineEnum<const Values extends Record<string, string>>(
  name: string,
  description: string | null,
  values: Values,
  valueDescriptions: { readonly [K in keyof Values]: string },
): EnumSpec<Values[keyof Values]> {
  return { name, description, values: values as unknown as Readonly<Record<string, Values[keyof Values]>>, valueDescriptions: valueDescriptions as Readonly<Record<string, string>> };
}

export type ScalarKind = 'Float' | 'Int' | 'String' | 'Boolean';

interface SpecBase {
  readonly nullable: boolean;
  readonly description?: string;
}

export type FieldShape =
  | { readonly kind: 'scalar'; readonly scalar: ScalarKind }
  | { readonly kind: 'enum'; readonly enumSpec: EnumSpec }
  | { readonly kind: 'object'; readonly schema: ObjectSchema<unknown> }
  | { readonly kind: 'list'; readonly of: FieldShape };

/**
 * One field. `T` is the TypeScript type of the property it describes; the phantom member is a
 * function of T so that Spec<number> and Spec<number | null> are different types (invariance).
 */
export type FieldSpec<T> = SpecBase & { readonly shape: FieldShape; readonly __type?: (t: T) => T };

export interface ObjectSchema<R = unknown> {
  readonly name: string;
  readonly description?: string;
  readonly fields: Readonly<Record<string, FieldSpec<unknown>>>;
  /** A section record: the GraphQL type implements the `Section` interface (SectionBase fields). */
  readonly section: boolean;
  /** A value type shared by several subgraphs (Federation's @shareable). */
  readonly shareable: boolean;
  readonly __record?: (r: R) => R;
}

/** Exactly one spec per property of R, each of the property's type. */
export type FieldsOf<R> = { [K in keyof R]-?: FieldSpec<R[K]> };

type Nullable<T> = FieldSpec<T | null> & SpecBase;

function spec<T>(shape: FieldShape, description?: string): FieldSpec<T> & { nullable: false; orNull(): Nullable<T> } {
  return {
    shape,
    nullable: false,
    description,
    orNull: () => ({ shape, nullable: true, description }) as Nullable<T>,
  };
}

export const float = (description?: string) => spec<number>({ kind: 'scalar', scalar: 'Float' }, description);
export const int = (description?: string) => spec<number>({ kind: 'scalar', scalar: 'Int' }, description);
export const string = (description?: string) => spec<string>({ kind: 'scalar', scalar: 'String' }, description);
export const boolean = (description?: string) => spec<boolean>({ kind: 'scalar', scalar: 'Boolean' }, description);
export const enumOf = <V extends string>(e: EnumSpec<V>, description?: string) => spec<V>({ kind: 'enum', enumSpec: e as EnumSpec }, description);
export const object = <R>(schema: ObjectSchema<R>, description?: string) => spec<R>({ kind: 'object', schema: schema as ObjectSchema<unknown> }, description);
/** A non-null list of non-null items. */
export const list = <T>(of: FieldSpec<T>, description?: string) => spec<T[]>({ kind: 'list', of: of.shape }, description);

export interface SchemaOptions {
  description?: string;
  shareable?: boolean;
}

/** A plain record type (nested values: a table row, a point of a curve, a figure). */
export function recordSchema<R>() {
  return (name: string, options: SchemaOptions, fields: FieldsOf<R>): ObjectSchema<R> => ({
    name,
    description: options.description,
    fields: fields as Record<string, FieldSpec<unknown>>,
    section: false,
    shareable: options.shareable ?? false,
  });
}
