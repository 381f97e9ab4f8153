import type { ValueTransformer } from 'typeorm';

/** PostgreSQL bigint and numeric arrive as strings from pg; sizes fit a double exactly below 2^53. */
export const bigintAsNumber: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
