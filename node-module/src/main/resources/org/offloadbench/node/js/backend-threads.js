'use strict';
// node/worker-threads: one worker_threads Worker per slot; inputs and outputs cross by postMessage (moved when
// the buffer owns its memory, else structured clone).
const path = require('path');
const { Worker } = require('worker_threads');
const transfer = require('./transfer.js');

exports.spawn = (o) => {
  let problem = null;
  const w = new Worker(path.join(__dirname, 'thread-worker.js'),
      { stdout: true, resourceLimits: { maxOldGenerationSizeMb: o.heapMb } });
  w.stdout.pipe(process.stderr); // a worker's console.log must never reach the frame stream
  w.on('message', (m) => (m === 'ready' ? o.onReady() : o.onReply(m)));
  w.on('error', (e) => { problem = `${e.code || ''} ${e.message}`.trim(); });
  w.on('exit', (code) => o.onExit(problem || `worker thread exited with code ${code}`));
  return {
    send(req) {
      w.postMessage({ id: req.requestId, wl: req.workloadId, input: req.payload }, transfer(req.payload));
    },
    kill() { w.terminate(); },
  };
};
