'use strict';
// node/shared-array-buffer: each slot is a Worker and a SharedArrayBuffer. The main thread writes the input
// into the shared region, flips the state word with Atomics.store + Atomics.notify and awaits
// Atomics.waitAsync (the event loop stays free); the worker blocks in Atomics.wait, runs the task on a view
// of the shared bytes (no copy in), writes the output back and notifies. A region too small for an input is
// replaced by a larger one, handed over through a MessagePort the worker reads synchronously.
const path = require('path');
const { Worker, MessageChannel } = require('worker_threads');
const { SUPPORTED } = require('./workloads.js');
const L = require('./sab-layout.js');

exports.spawn = (o) => {
  let problem = null;
  let region = L.region(L.INITIAL_DATA_BYTES);
  let generation = 0;
  const { port1, port2 } = new MessageChannel();
  const w = new Worker(path.join(__dirname, 'sab-worker.js'), {
    workerData: { sab: region.sab, port: port2 }, transferList: [port2],
    stdout: true, resourceLimits: { maxOldGenerationSizeMb: o.heapMb },
  });
  w.stdout.pipe(process.stderr);
  w.on('message', (m) => { if (m === 'ready') o.onReady(); });
  w.on('error', (e) => { problem = `${e.code || ''} ${e.message}`.trim(); });
  w.on('exit', (code) => {
    generation++;
    Atomics.notify(region.ctrl, L.STATE); // releases a pending waitAsync of the dead worker
    o.onExit(problem || `worker thread exited with code ${code}`);
  });

  async function wait(ctrl, whileState) {
    const r = Atomics.waitAsync(ctrl, L.STATE, whileState);
    if (r.async) await r.value;
  }

  async function send(req) {
    const mine = generation;
    if (req.payload.length > region.data.length) {
      const old = region;
      region = L.region(Math.max(req.payload.length, 2 * old.data.length));
      port1.postMessage(region.sab);
      Atomics.store(old.ctrl, L.STATE, L.RESIZE);
      Atomics.notify(old.ctrl, L.STATE);
      await wait(old.ctrl, L.RESIZE);
      if (mine !== generation) return;
    }
    const { ctrl, data, run } = region;
    data.set(req.payload);
    ctrl[L.IN_LENGTH] = req.payload.length;
    ctrl[L.WORKLOAD] = SUPPORTED.indexOf(req.workloadId);
    Atomics.store(ctrl, L.STATE, L.REQUEST);
    Atomics.notify(ctrl, L.STATE);
    await wait(ctrl, L.REQUEST);
    if (mine !== generation || Atomics.load(ctrl, L.STATE) !== L.DONE) return; // terminated meanwhile
    // a view, not a copy: the main thread writes it to stdout synchronously before this slot gets its next task
    const bytes = Buffer.from(region.sab, L.CONTROL_BYTES, ctrl[L.OUT_LENGTH]);
    const status = ctrl[L.STATUS];
    const runNanos = Number(run[0]);
    Atomics.store(ctrl, L.STATE, L.IDLE);
    o.onReply(status === 0 ? { id: req.requestId, ok: true, output: bytes, runNanos }
        : { id: req.requestId, ok: false, kind: L.KINDS[status], message: bytes.toString('utf8') });
  }

  return {
    send(req) { send(req).catch((e) => { problem = e.message; w.terminate(); }); },
    kill() { w.terminate(); },
  };
};
