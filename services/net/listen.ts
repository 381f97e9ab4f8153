/**
 * Listening on a port the user chose (`vrs serve --port`, `--host`, `vrs worker --metrics-port`):
 * the system's refusals become BAD_PARAMETER errors that name the option and what to do, instead
 * of an internal error with a stack trace (or an 'error' event that kills a running process).
 */
import type { Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { VrsError } from '../../worker-pool/errors.js';

/** The VrsError for a refused listen (in use, not permitted, not an address here); any other error as it is. */
export function listenError(error: unknown, option: string, host: string, port: number): unknown {
  switch ((error as NodeJS.ErrnoException | null)?.code) {
    case 'EADDRINUSE':
      return new VrsError('BAD_PARAMETER', `${option} ${port}: the port is in use on ${host}; choose another, or 0 for any free port.`);
    case 'EACCES':
      return new VrsError('BAD_PARAMETER', `${option} ${port}: listening there on ${host} is not permitted (ports below 1024 need privileges); choose a port from 1024 up, or 0 for any free port.`);
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new VrsError('BAD_PARAMETER', `--host ${host}: not an address of this machine; use 127.0.0.1 (this machine only), 0.0.0.0 (every interface) or one of its own addresses.`);
    default:
      return error;
  }
}

/** Starts `server` listening and resolves with the port it got (port 0: one the system picks). */
export function listenOn(server: Server, option: string, host: string, port: number): Promise<number> {
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    return Promise.reject(new VrsError('BAD_PARAMETER', `${option} must be 0…65535 (got ${port}).`));
  }
  return new Promise<number>((resolve, reject) => {
    const onError = (error: Error) => reject(listenError(error, option, host, port));
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
