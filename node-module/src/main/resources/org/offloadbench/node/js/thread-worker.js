'use strict';
const { parentPort } = require('worker_threads');
const { runReported } = require('./workloads.js');
const transfer = require('./transfer.js');

parentPort.on('message', async (m) => {
  const input = Buffer.from(m.input.buffer, m.input.byteOffset, m.input.length);
  const r = await runReported(m.wl, input);
  parentPort.postMessage({ id: m.id, ...r }, r.ok ? transfer(r.output) : []);
});
parentPort.postMessage('ready');
