// An upload's chunk over HTTP: the request body is the chunk's bytes (application/octet-stream),
// the upload id and offset are in the query. The body goes to disk as it arrives
// (services/upload/upload.ts receiveChunk), never gathered in memory and never parsed as JSON.
import type http from 'node:http';
import type { CallName } from '../../shared/api';
import { uploadChunkTarget } from '../../shared/calls/upload';
import { ApiError } from '../services/errors';
import { who } from '../services/handler';
import { receiveChunk } from '../services/upload/upload';
import { toFailure, type Admitted, type DispatchResult } from './dispatch';

/** the calls whose body is bytes, not JSON */
export const BYTES_CALLS: ReadonlySet<CallName> = new Set<CallName>(['upload.chunk']);

/**
 * A chunk whose bytes stop coming for this long is a client that vanished without closing (a
 * cable pulled): the connection is cut, so what arrived is kept and the upload is free for the
 * client's resume (until then a resume is answered "busy").
 */
const CHUNK_IDLE_MS = 30_000;

export async function receiveBytes(ports: import('../services/ports').Ports, admitted: Admitted, url: URL, req: http.IncomingMessage): Promise<DispatchResult> {
  const { caller } = admitted;
  try {
    const parsed = uploadChunkTarget.safeParse({ uploadId: url.searchParams.get('uploadId') ?? '', offset: url.searchParams.get('offset') ?? '' });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new ApiError('bad_input', 'transport.badField', { field: issue.path.join('.'), rule: issue.message }, issue.path.join('.'));
    }
    req.setTimeout(CHUNK_IDLE_MS, () => req.destroy());
    const header = req.headers['content-length'];
    const declared = header === undefined ? undefined : Number(header);
    return { ok: true, value: await receiveChunk(ports, who(caller).employeeNo, parsed.data, req, declared) };
  } catch (e) {
    // the client went away mid-chunk: what arrived is kept (see receiveChunk); nobody is there to read an answer
    if (req.destroyed && !req.complete) return toFailure(new ApiError('bad_input', 'transport.connectionLost'), admitted.name, false);
    return toFailure(e, admitted.name, caller.client.loopback);
  }
}
