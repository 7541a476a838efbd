'use strict';
// node/child-process: one child_process.fork child per slot, spoken to over its IPC channel with advanced
// (structured clone) serialization, so Buffers cross as bytes rather than JSON.
const path = require('path');
const { fork } = require('child_process');

exports.spawn = (o) => {
  let exited = false;
  const c = fork(path.join(__dirname, 'fork-child.js'), [], {
    serialization: 'advanced',
    stdio: ['ignore', 2, 2, 'ipc'], // a child's stdout goes to stderr, never into the frame stream
    execArgv: [`--max-old-space-size=${o.heapMb}`],
  });
  c.on('message', (m) => (m === 'ready' ? o.onReady() : o.onReply(m)));
  c.on('error', (e) => { if (!exited && c.pid === undefined) { exited = true; o.onExit(`fork failed: ${e.message}`); } });
  c.on('exit', (code, signal) => {
    if (!exited) { exited = true; o.onExit(`forked child ${c.pid} exited with ${signal ? `signal ${signal}` : `code ${code}`}`); }
  });
  return {
    send(req) { c.send({ id: req.requestId, wl: req.workloadId, input: req.payload }); },
    kill() { c.kill('SIGKILL'); },
  };
};
