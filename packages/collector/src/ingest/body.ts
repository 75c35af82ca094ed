import type { IncomingMessage } from 'node:http';
import { gunzipSync } from 'node:zlib';

/** A refused body: HTTP status, a metric reason and a sentence for the client. */
export class BodyError extends Error {
  constructor(
    readonly statusCode: number,
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

export interface BodyLimits {
  maxBodyBytes: number;
  maxInflatedBytes: number;
}

/**
 * Reads a request body with both caps: the wire bytes while they arrive (Content-Length is
 * checked first), and the inflated bytes while gunzip runs (`maxOutputLength` aborts inflation
 * as soon as the output would pass the cap, so a gzip bomb costs at most `maxInflatedBytes`).
 */
export function readBody(req: IncomingMessage, limits: BodyLimits): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (declared > limits.maxBodyBytes) {
    return Promise.reject(new BodyError(413, 'too_large', `body is ${declared} bytes; the limit is ingest.maxBodyBytes = ${limits.maxBodyBytes}`));
  }
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase().trim();
  if (encoding !== 'identity' && encoding !== 'gzip') {
    return Promise.reject(new BodyError(415, 'bad_encoding', `Content-Encoding "${encoding}" is not supported: send gzip or no encoding`));
  }
  return new Promise<Buffer>((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    let done = false;
    const fail = (e: BodyError) => {
      if (done) return;
      done = true;
      // Stop reading; the reply closes the connection once sent.
      req.removeAllListeners('data');
      req.resume();
      reject(e);
    };
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limits.maxBodyBytes) {
        fail(new BodyError(413, 'too_large', `body exceeds ingest.maxBodyBytes = ${limits.maxBodyBytes}`));
        return;
      }
      parts.push(chunk);
    });
    req.on('error', () => fail(new BodyError(400, 'aborted', 'request body was not received completely')));
    req.on('end', () => {
      if (done) return;
      done = true;
      const raw = parts.length === 1 ? parts[0] : Buffer.concat(parts, size);
      if (encoding !== 'gzip') return resolve(raw);
      try {
        resolve(gunzipSync(raw, { maxOutputLength: limits.maxInflatedBytes }));
      } catch (e) {
        const tooBig = (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
        reject(
          tooBig
            ? new BodyError(413, 'inflated_too_large', `body inflates past ingest.maxInflatedBytes = ${limits.maxInflatedBytes}`)
            : new BodyError(400, 'bad_gzip', `body is not valid gzip: ${(e as Error).message}`),
        );
      }
    });
  });
}
