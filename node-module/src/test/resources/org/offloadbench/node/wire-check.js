'use strict';
// Run by NodeWireTest next to the extracted scripts: the frame reader against core's layout and its limits.
const { FrameReader } = require('./wire.js');

function frame(kind, id, wl, payload, lengthOverride) {
  const idb = Buffer.from(wl);
  const f = Buffer.alloc(42 + idb.length + payload.length);
  f[0] = 0x4f; f[1] = 0x42; f[2] = 1; f[3] = kind;
  f.writeInt32BE(lengthOverride === undefined ? 34 + idb.length + payload.length : lengthOverride, 4);
  f.writeBigInt64BE(BigInt(id), 8);
  f.writeUInt16BE(idb.length, 40);
  idb.copy(f, 42);
  payload.copy(f, 42 + idb.length);
  return f;
}
const problems = [];
const expectThrow = (what, bytes, text) => {
  try {
    new FrameReader(1 << 20, () => problems.push(`${what}: a frame came out`)).feed(bytes);
    problems.push(`${what}: accepted`);
  } catch (e) {
    if (!e.message.includes(text)) problems.push(`${what}: wrong message ${e.message}`);
  }
};

// fifty requests split at 7-byte boundaries, empty payloads among them
const frames = [];
for (let i = 1; i <= 50; i++) frames.push(frame(2, i, i % 2 ? 'echo' : 'noop', Buffer.alloc((i * 37) % 200, i)));
const all = Buffer.concat(frames);
const got = [];
const reader = new FrameReader(1 << 20, (f) => got.push(f));
for (let off = 0; off < all.length; off += 7) reader.feed(all.subarray(off, off + 7));
got.forEach((f, i) => {
  const n = i + 1;
  if (f.kind !== 'REQUEST' || f.requestId !== n || f.workloadId !== (n % 2 ? 'echo' : 'noop')
      || f.payload.length !== (n * 37) % 200 || !f.payload.every((b) => b === (n & 255))) {
    problems.push(`frame ${n} decoded wrong`);
  }
  if (f.payload.byteOffset !== 0 || f.payload.buffer.byteLength !== f.payload.length) {
    problems.push(`frame ${n}: payload does not own its memory`);
  }
});
if (got.length !== 50) problems.push(`${got.length} of 50 frames`);

// a length over the limit is refused from the 8-byte prefix alone, before anything is buffered
expectThrow('oversized length', frame(2, 1, 'echo', Buffer.alloc(0), 1 << 30).subarray(0, 42), 'outside');
expectThrow('bad magic', Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n........................'), 'bad magic');
expectThrow('a RESPONSE sent to node', frame(3, 1, '', Buffer.alloc(0)), 'does not accept');
expectThrow('a REQUEST without workload', frame(2, 1, '', Buffer.alloc(4)), 'without a workload id');
console.log(problems.length ? `problems: ${problems.join('; ')}` : 'ok');
