/**
 * Closing a connection whose request body was refused before it was read
 * (an oversized upload, a refused origin).
 *
 * Closing at once is not enough: the client is still sending, and data that
 * reaches a closed socket makes the kernel answer with a reset, which can
 * throw away the refusal before the client has read it (browsers then show
 * "connection reset" instead of the message). So, like nginx's "lingering
 * close", the answer is followed by the end of our side of the connection,
 * and what the client still sends is read and dropped for a short, bounded
 * while (time and bytes) before the socket is destroyed.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

/** How long, and how much, to keep reading after the answer. */
export const LINGER_MS = 2000;
export const LINGER_BYTES = 1024 * 1024;

/** True when the request has a body that has not been read to its end. */
export function hasUnreadBody(request: FastifyRequest): boolean {
  const hasBody = Number(request.headers['content-length']) > 0 || request.headers['transfer-encoding'] !== undefined;
  return hasBody && !request.raw.complete;
}

/** Marks the answer `Connection: close` and has Node close the connection gently after sending it. */
export function closeGentlyAfterAnswer(request: FastifyRequest, reply: FastifyReply): void {
  reply.header('Connection', 'close');
  const socket = request.raw.socket;
  // Node ends a `Connection: close` answer with socket.destroySoon(), which would destroy the socket
  // as soon as our last byte is out; this connection gets the gentle version instead.
  socket.destroySoon = () => {
    socket.end();
    let drained = 0;
    const stop = () => socket.destroy();
    const timer = setTimeout(stop, LINGER_MS);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
    request.raw.on('data', (chunk: Buffer) => {
      drained += chunk.length;
      if (drained > LINGER_BYTES) stop();
    });
    request.raw.resume();
  };
}
