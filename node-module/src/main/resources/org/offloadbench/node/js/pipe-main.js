'use strict';
// The node process a pipe model starts: reads core frames from stdin, hands each REQUEST to a free worker of
// its pool (worker_threads, child_process.fork children or SharedArrayBuffer workers, per the backend named
// on the command line) and writes the answer to stdout. The JVM keeps at most <workers> requests in flight.
//   node pipe-main.js <worker-threads|child-process|shared-array-buffer> <workers> <maxPayloadBytes> <heapMb>
// A task's timeout runs from its hand-off to a worker; on timeout or cancel of a running task the worker is
// terminated and replaced (the only way to stop JS that never yields). End of stdin ends the process at once.
const { FrameReader, ready, response, error } = require('./wire.js');
const { SUPPORTED } = require('./workloads.js');

const [mode, workersText, maxText, heapText] = process.argv.slice(2);
const BACKENDS = { 'worker-threads': './backend-threads.js', 'child-process': './backend-fork.js',
  'shared-array-buffer': './backend-sab.js' };
if (!BACKENDS[mode]) {
  process.stderr.write(`unknown mode '${mode}'; valid: ${Object.keys(BACKENDS).join(', ')}\n`);
  process.exit(2);
}
const backend = require(BACKENDS[mode]);
const workers = Number(workersText);
const maxPayload = Number(maxText);
const heapMb = Number(heapText);
const MAX_FAILED_STARTS = 3;

const slots = [];
const waiting = []; // requests with no free worker yet (a worker is being replaced)
let announced = false;
let draining = false;

function now() { return process.hrtime.bigint(); }

function startSlot(index, failedStarts) {
  const slot = { index, busy: null, ready: false, retiring: false, failedStarts };
  slot.handle = backend.spawn({
    heapMb,
    onReady() {
      slot.ready = true;
      slot.failedStarts = 0;
      if (!announced && slots.every((s) => s.ready)) {
        announced = true;
        ready(process.pid, workers, maxPayload);
      }
      pump();
    },
    onReply(m) { replied(slot, m); },
    onExit(why) { exited(slot, why); },
  });
  slots[index] = slot;
}

function pump() {
  for (const slot of slots) {
    if (!waiting.length) break;
    if (slot.ready && !slot.busy && !slot.retiring) assign(slot, waiting.shift());
  }
  if (draining && !waiting.length && slots.every((s) => !s.busy)) process.exit(0);
}

function assign(slot, req) {
  req.startNanos = now();
  slot.busy = req;
  if (req.timeoutNanos > 0) {
    req.timer = setTimeout(() => {
      if (slot.busy !== req) return;
      error(req.requestId, 'TIMED_OUT', `${req.workloadId} ran past its timeout of ${req.timeoutNanos} ns in node `
          + `${mode} worker ${slot.index}; the worker was terminated and replaced`, maxPayload);
      retire(slot);
    }, Math.max(1, Math.ceil(req.timeoutNanos / 1e6)));
  }
  slot.handle.send(req);
}

function replied(slot, m) {
  const req = slot.busy;
  if (!req || req.requestId !== m.id) return; // answered already (timed out or cancelled)
  clearTimeout(req.timer);
  slot.busy = null;
  if (m.ok) {
    const out = Buffer.isBuffer(m.output) ? m.output : Buffer.from(m.output.buffer, m.output.byteOffset, m.output.length);
    response(req.requestId, Number(req.startNanos - req.arrivalNanos), m.runNanos, out);
  } else {
    error(req.requestId, m.kind, m.message, maxPayload);
  }
  pump();
}

// terminate a worker whose task was answered for it (timeout, cancel); exited() starts its replacement
function retire(slot) {
  const req = slot.busy;
  if (req) clearTimeout(req.timer);
  slot.busy = null;
  slot.retiring = true;
  slot.handle.kill();
}

function exited(slot, why) {
  if (slots[slot.index] !== slot) return;
  const req = slot.busy;
  if (req) {
    clearTimeout(req.timer);
    error(req.requestId, 'WORKER_CRASHED', `node ${mode} worker ${slot.index} died while running ${req.workloadId}: `
        + `${why}`, maxPayload);
  }
  const failedStarts = slot.ready ? 0 : slot.failedStarts + 1;
  if (failedStarts >= MAX_FAILED_STARTS) {
    process.stderr.write(`node ${mode} worker ${slot.index} failed to start ${failedStarts} times: ${why}\n`);
    process.exit(3);
  }
  startSlot(slot.index, failedStarts);
}

const reader = new FrameReader(maxPayload, (f) => {
  if (f.kind === 'REQUEST') {
    if (!SUPPORTED.includes(f.workloadId)) {
      error(f.requestId, 'BAD_REQUEST', `workload '${f.workloadId}' is not supported by node models; they run `
          + `${SUPPORTED.join(', ')}`, maxPayload);
      return;
    }
    f.arrivalNanos = now();
    waiting.push(f);
    pump();
  } else if (f.kind === 'CANCEL') {
    const i = waiting.findIndex((r) => r.requestId === f.requestId);
    if (i >= 0) {
      waiting.splice(i, 1);
      error(f.requestId, 'CANCELLED', 'cancelled before it ran', maxPayload);
      return;
    }
    const slot = slots.find((s) => s.busy && s.busy.requestId === f.requestId);
    if (slot) {
      error(f.requestId, 'CANCELLED', `cancelled while running; node ${mode} worker ${slot.index} was terminated `
          + 'and replaced', maxPayload);
      retire(slot);
    }
  } else if (f.kind === 'SHUTDOWN') {
    draining = true;
    pump();
  }
});

process.stdin.on('data', (chunk) => {
  try {
    reader.feed(chunk);
  } catch (e) {
    process.stderr.write(`bad frame from the JVM: ${e.message}\n`);
    process.exit(4);
  }
});
// parent-watch: the JVM is gone (or closed our stdin): exit now; children see their IPC channel close and exit
process.stdin.on('end', () => process.exit(0));
process.on('exit', () => slots.forEach((s) => s && s.handle.kill()));
for (let i = 0; i < workers; i++) startSlot(i, 0);
