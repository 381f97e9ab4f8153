/**
 * What every section record of every level carries (GraphQL interface `Section`), the enums the
 * records use (declared once here; the GraphQL enums are built from these), and the value types
 * several sections share (figures, vectors).
 */
import type { Axis, Vec3 } from '../volume.js';
import { defineEnum, enumOf, float, int, recordSchema, string, type FieldSpec, type FieldsOf, type ObjectSchema } from './record-schema.js';

export const SECTION_STATUS = defineEnum('SectionStatus', 'FAILED = could not be computed; it is not counted in the score', {
  OK: 'OK',
  WARNING: 'WARNING',
  NOT_APPLICABLE: 'NOT_APPLICABLE',
  FAILED: 'FAILED',
}, {
  OK: 'computed; every automatic criterion passes',
  WARNING: 'computed; at least one automatic criterion fails (see warnings)',
  NOT_APPLICABLE: 'does not apply to this map or these parameters (see statusReason)',
  FAILED: 'could not be computed (see statusReason and the error); not counted in the score',
});
export type SectionStatus = (typeof SECTION_STATUS.values)[keyof typeof SECTION_STATUS.values];

export const CONTOUR_SOURCE = defineEnum(
  'ContourSource',
  'Where a threshold came from: given by the user, read from the EMDB header, or estimated from the map',
  { USER: 'USER', EMDB_HEADER: 'EMDB_HEADER', ESTIMATED: 'ESTIMATED' },
  { USER: 'given by the user', EMDB_HEADER: "the EMDB header's recommended contour level", ESTIMATED: 'estimated from the map' },
);
export type ContourSource = (typeof CONTOUR_SOURCE.values)[keyof typeof CONTOUR_SOURCE.values];

export const AXIS = defineEnum('Axis', 'An axis of the map', { x: 'x', y: 'y', z: 'z' } as const satisfies Record<Axis, Axis>, {
  x: 'the x axis of the map',
  y: 'the y axis of the map',
  z: 'the z axis of the map',
});

/** Fields every section carries (GraphQL interface `Section`). */
export interface SectionBase {
  id: string; // "0.a" … "0.h"
  title: string;
  status: SectionStatus;
  warnings: string[];
  explanation: string;
  criteria: string;
  algorithm: string;
  algorithmVersion: string;
  /** Milliseconds the computation took (filled in by the service). */
  computeMillis: number | null;
  /** Why the section does not apply or failed, in words; null otherwise. */
  statusReason: string | null;
}

/** A figure stored as a PNG artifact; url = /artifacts/{sha256}.png */
export interface Image {
  sha256: string;
  url: string;
  /** Axis the slice is perpendicular to (or the projection runs along); null for 3D views. */
  axis: Axis | null;
  /** Slice index along that axis (voxels); null for projections and views. */
  index: number | null;
  width: number;
  height: number;
  caption: string;
}

export const IMAGE = recordSchema<Image>()('Image', { description: 'A figure stored as a PNG artifact' }, {
  sha256: string('SHA-256 of the PNG file, hex'),
  url: string('/artifacts/{sha256}.png'),
  axis: enumOf(AXIS, 'axis the slice is perpendicular to (or the projection runs along); null for 3D views').orNull(),
  index: int('slice index along that axis, voxels').orNull(),
  width: int('pixels'),
  height: int('pixels'),
  caption: string('the figure caption, in words'),
});

export const VEC3 = recordSchema<Vec3>()('Vec3', { description: 'A vector along x, y, z; the unit is in the field that uses it', shareable: true }, {
  x: float('x component'),
  y: float('y component'),
  z: float('z component'),
});

/** A section record's schema: its own fields (the SectionBase ones come from the `Section` interface). */
export function sectionSchema<R extends SectionBase>() {
  return (name: string, options: { description: string }, fields: FieldsOf<Omit<R, keyof SectionBase>>): ObjectSchema<R> => ({
    name,
    description: options.description,
    fields: fields as Record<string, FieldSpec<unknown>>,
    section: true,
    shareable: false,
  });
}
