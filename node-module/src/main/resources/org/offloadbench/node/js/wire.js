'use strict';
// core's wire format (org.offloadbench.core.wire.FrameCodec), the part a node worker speaks: it reads REQUEST,
// CANCEL and SHUTDOWN and writes READY, RESPONSE and ERROR. Big-endian, a 42-byte header, the length checked
// against the hard limit before anything is buffered; a bad frame ends the process (the JVM sees it die).
const MAGIC0 = 0x4f;
const MAGIC1 = 0x42;
const VERSION = 1;
const HEADER = 42;
const PREFIX = 8;
const MAX_ID = 255;
const KIND = { READY: 1, REQUEST: 2, RESPONSE: 3, ERROR: 4, CANCEL: 5, SHUTDOWN: 6 };
const FAILURES = ['REJECTED', 'TIMED_OUT', 'CANCELLED', 'WORKER_CRASHED', 'WORKLOAD_FAILED', 'BAD_REQUEST',
  'CLOSED', 'UNAVAILABLE'];

function header(kind, bodyLength, requestId, w1, w2, w3) {
  const h = Buffer.alloc(HEADER);
  h[0] = MAGIC0; h[1] = MAGIC1; h[2] = VERSION; h[3] = kind;
  h.writeInt32BE(bodyLength, 4);
  h.writeBigInt64BE(BigInt(requestId), 8);
  h.writeBigInt64BE(BigInt(w1), 16);
  h.writeBigInt64BE(BigInt(w2), 24);
  h.writeBigInt64BE(BigInt(w3), 32);
  h.writeUInt16BE(0, 40);
  return h;
}

// Frames go out with writeSync on fd 1: ordered, never interleaved, and nothing else writes to fd 1
// (workers' and children's stdout is sent to stderr).
const fs = require('fs');
function writeAll(buffers) {
  for (const b of buffers) {
    let off = 0;
    while (off < b.length) {
      try {
        off += fs.writeSync(1, b, off, b.length - off);
      } catch (e) {
        if (e.code !== 'EAGAIN') throw e;
      }
    }
  }
}

function ready(pid, concurrency, maxPayload) {
  writeAll([header(KIND.READY, HEADER - PREFIX, 0, pid, concurrency, maxPayload)]);
}

function response(requestId, queueNanos, runNanos, payload) {
  // word1 (the CRC32C) is left 0: the JVM checksums what it receives itself (a JS CRC32C of 64 MiB costs ~150 ms)
  writeAll([header(KIND.RESPONSE, HEADER - PREFIX + payload.length, requestId, 0, Math.max(0, queueNanos),
      Math.max(0, runNanos)), payload]);
}

function error(requestId, failure, message, maxPayload) {
  // cut by characters, never inside a UTF-8 sequence (the JVM decodes strictly)
  let text = Buffer.from(String(message).slice(0, 16384), 'utf8');
  if (text.length > maxPayload) text = Buffer.alloc(0);
  writeAll([header(KIND.ERROR, HEADER - PREFIX + text.length, requestId, FAILURES.indexOf(failure) + 1, 0, 0), text]);
}

// Incremental reader: feed() chunks, onFrame({kind, requestId, timeoutNanos, workloadId, payload}). The head is
// gathered first (42 bytes and the workload id); the payload then goes chunk by chunk straight into a buffer of
// its own exact size (one copy, and a buffer that owns its memory, so it can be moved to a worker thread).
class FrameReader {
  constructor(maxPayload, onFrame) {
    this.maxBody = HEADER - PREFIX + MAX_ID + maxPayload;
    this.onFrame = onFrame;
    this.pending = Buffer.alloc(0); // bytes of a head not yet complete
    this.frame = null; // the frame whose payload is being filled
    this.filled = 0;
  }

  feed(chunk) {
    let data = chunk;
    while (data.length) {
      if (this.frame) {
        const n = Math.min(data.length, this.frame.payload.length - this.filled);
        data.copy(this.frame.payload, this.filled, 0, n);
        this.filled += n;
        data = data.subarray(n);
        if (this.filled === this.frame.payload.length) this.emit();
        continue;
      }
      this.pending = this.pending.length ? Buffer.concat([this.pending, data]) : data;
      data = Buffer.alloc(0);
      const head = this.pending;
      if (head.length < HEADER) return;
      if (head[0] !== MAGIC0 || head[1] !== MAGIC1) throw new Error('bad magic: not an offload-bench frame');
      if (head[2] !== VERSION) throw new Error(`unsupported frame version ${head[2]}`);
      const bodyLength = head.readInt32BE(4);
      if (bodyLength < HEADER - PREFIX || bodyLength > this.maxBody) {
        throw new Error(`frame body length ${bodyLength} is outside ${HEADER - PREFIX} .. ${this.maxBody}`);
      }
      const idLength = head.readUInt16BE(40);
      if (idLength > MAX_ID || idLength > bodyLength - (HEADER - PREFIX)) {
        throw new Error(`workload id length ${idLength} is over the limit for this frame`);
      }
      if (head.length < HEADER + idLength) return;
      this.frame = parseHead(head, idLength, Buffer.allocUnsafeSlow(PREFIX + bodyLength - HEADER - idLength));
      this.filled = 0;
      data = head.subarray(HEADER + idLength);
      this.pending = Buffer.alloc(0);
      if (this.frame.payload.length === 0) this.emit();
    }
  }

  emit() {
    const frame = this.frame;
    this.frame = null;
    this.onFrame(frame);
  }
}

function parseHead(h, idLength, payload) {
  const kind = h[3];
  const requestId = Number(h.readBigInt64BE(8));
  const w1 = h.readBigInt64BE(16);
  const workloadId = h.toString('utf8', HEADER, HEADER + idLength);
  if (h.readBigInt64BE(24) !== 0n || h.readBigInt64BE(32) !== 0n) throw new Error(`frame kind ${kind}: words 2 and 3 must be 0`);
  if (kind === KIND.REQUEST) {
    if (!idLength || w1 < 0n) throw new Error('REQUEST without a workload id or with a negative timeout');
    return { kind: 'REQUEST', requestId, timeoutNanos: Number(w1), workloadId, payload };
  }
  if (idLength || payload.length || w1 !== 0n) {
    throw new Error(`frame kind ${kind} must carry no workload id, no payload and word 1 = 0`);
  }
  if (kind === KIND.CANCEL) return { kind: 'CANCEL', requestId, payload };
  if (kind === KIND.SHUTDOWN) return { kind: 'SHUTDOWN', requestId: 0, payload };
  throw new Error(`a node worker does not accept frame kind ${kind}`);
}

module.exports = { FrameReader, ready, response, error, FAILURES };
