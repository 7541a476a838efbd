'use strict';
const { runReported } = require('./workloads.js');

process.on('disconnect', () => process.exit(0)); // the parent is gone: never outlive it
process.on('message', async (m) => {
  const input = Buffer.isBuffer(m.input) ? m.input : Buffer.from(m.input.buffer, m.input.byteOffset, m.input.length);
  const r = await runReported(m.wl, input);
  if (process.connected) process.send({ id: m.id, ...r });
});
process.send('ready');
