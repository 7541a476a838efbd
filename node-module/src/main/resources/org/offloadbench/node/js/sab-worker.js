'use strict';
const { workerData, parentPort, receiveMessageOnPort } = require('worker_threads');
const { SUPPORTED, runReported } = require('./workloads.js');
const L = require('./sab-layout.js');

const port = workerData.port;
let region = L.views(workerData.sab);
parentPort.postMessage('ready');

(async () => {
  for (;;) {
    Atomics.wait(region.ctrl, L.STATE, L.IDLE);
    const state = Atomics.load(region.ctrl, L.STATE);
    if (state === L.RESIZE) {
      const old = region.ctrl;
      region = L.views(receiveMessageOnPort(port).message);
      Atomics.store(old, L.STATE, L.IDLE);
      Atomics.notify(old, L.STATE);
      continue;
    }
    if (state !== L.REQUEST) continue;
    const { ctrl, data, sab, run } = region;
    const input = Buffer.from(sab, L.CONTROL_BYTES, ctrl[L.IN_LENGTH]); // a view: the input is not copied
    const r = await runReported(SUPPORTED[ctrl[L.WORKLOAD]] || '?', input);
    const out = r.ok ? r.output : Buffer.from(r.message, 'utf8').subarray(0, data.length);
    data.set(out);
    ctrl[L.OUT_LENGTH] = out.length;
    ctrl[L.STATUS] = r.ok ? 0 : Math.max(1, L.KINDS.indexOf(r.kind));
    run[0] = BigInt(r.ok ? r.runNanos : 0);
    Atomics.store(ctrl, L.STATE, L.DONE);
    Atomics.notify(ctrl, L.STATE);
  }
})();
