/** `npm run docs:errors`: rewrites the README's table of error codes from worker-pool/errors.ts. */
import { README_PATH, writeReadmeTable } from './error-codes.js';

console.log(writeReadmeTable() ? `updated the error codes table in ${README_PATH}` : `${README_PATH}: the error codes table is up to date`);
