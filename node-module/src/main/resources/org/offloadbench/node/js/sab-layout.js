'use strict';
// The shared region of node/shared-array-buffer: a 64-byte control block, then the data bytes.
//   int32[0] state   int32[1] input length   int32[2] workload index   int32[3] status   int32[4] output length
//   int64 at byte 32: run nanoseconds
module.exports = {
  IDLE: 0, REQUEST: 1, DONE: 2, RESIZE: 3,
  STATE: 0, IN_LENGTH: 1, WORKLOAD: 2, STATUS: 3, OUT_LENGTH: 4,
  CONTROL_BYTES: 64,
  INITIAL_DATA_BYTES: 1 << 20,
  KINDS: [null, 'WORKLOAD_FAILED', 'BAD_REQUEST'],
  region(dataBytes) {
    const sab = new SharedArrayBuffer(64 + dataBytes);
    return module.exports.views(sab);
  },
  views(sab) {
    return { sab, ctrl: new Int32Array(sab, 0, 16), run: new BigInt64Array(sab, 32, 1), data: new Uint8Array(sab, 64) };
  },
};
