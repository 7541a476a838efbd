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
  let text = Buffer.from(String(message), 'utf8');
  if (text.length > maxPayload) text = text.subarray(0, maxPayload);
  writeAll([header(KIND.ERROR, HEADER - PREFIX + text.length, requestId, FAILURES.indexOf(failure) + 1, 0, 0), text]);
}

// Incremental reader: feed() chunks, onFrame({kind, requestId, timeoutNanos, workloadId, payload}).
class FrameReader {
  constructor(maxPayload, onFrame) {
    this.maxBody = HEADER - PREFIX + MAX_ID + maxPayload;
    this.onFrame = onFrame;
    this.chunks = [];
    this.have = 0;
    this.need = PREFIX;
    this.inBody = false;
  }

  feed(chunk) {
    this.chunks.push(chunk);
    this.have += chunk.length;
    while (this.have >= this.need) {
      const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.have);
      if (!this.inBody) {
        if (all[0] !== MAGIC0 || all[1] !== MAGIC1) throw new Error('bad magic: not an offload-bench frame');
        if (all[2] !== VERSION) throw new Error(`unsupported frame version ${all[2]}`);
        const bodyLength = all.readInt32BE(4);
        if (bodyLength < HEADER - PREFIX || bodyLength > this.maxBody) {
          throw new Error(`frame body length ${bodyLength} is outside ${HEADER - PREFIX} .. ${this.maxBody}`);
        }
        this.inBody = true;
        this.need = PREFIX + bodyLength;
        this.chunks = [all];
        continue;
      }
      const frame = all.subarray(0, this.need);
      const rest = all.subarray(this.need);
      this.chunks = rest.length ? [rest] : [];
      this.have = rest.length;
      this.need = PREFIX;
      this.inBody = false;
      this.onFrame(parse(frame));
    }
  }
}

function parse(f) {
  const kind = f[3];
  const requestId = Number(f.readBigInt64BE(8));
  const w1 = f.readBigInt64BE(16);
  const idLength = f.readUInt16BE(40);
  if (idLength > MAX_ID || HEADER + idLength > f.length) throw new Error(`workload id length ${idLength} is too long`);
  const workloadId = f.toString('utf8', HEADER, HEADER + idLength);
  // a copy of exactly the payload, detached from the read buffer, so it can be transferred to a worker
  const payload = Buffer.from(f.subarray(HEADER + idLength));
  if (kind === KIND.REQUEST) {
    if (!idLength || w1 < 0n) throw new Error('REQUEST without a workload id or with a negative timeout');
    return { kind: 'REQUEST', requestId, timeoutNanos: Number(w1), workloadId, payload };
  }
  if (kind === KIND.CANCEL) return { kind: 'CANCEL', requestId };
  if (kind === KIND.SHUTDOWN) return { kind: 'SHUTDOWN', requestId: 0 };
  throw new Error(`a node worker does not accept frame kind ${kind}`);
}

module.exports = { FrameReader, ready, response, error, FAILURES };
