'use strict';
// node/cluster: a cluster primary and <workers> HTTP workers sharing one port on 127.0.0.1; the primary
// accepts the connections and hands them out round-robin (cluster.SCHED_RR). The workers speak the cluster
// module's worker protocol (POST /v1/run/{workload}, X-Offload-* headers, GET /health).
//   node cluster-main.js <workers> <maxPayloadBytes> <heapMb>
// The primary prints one line per event on stdout (its only output there):
//   ready <port>   respawn <pid>   abandoned <count>
// and exits, killing its workers, when its stdin ends (the JVM is gone or closed it).
const cluster = require('cluster');

if (cluster.isPrimary) {
  primary(process.argv.slice(2).map(Number));
} else {
  worker(Number(process.env.OFFLOAD_MAX_PAYLOAD));
}

function primary([workers, maxPayload, heapMb]) {
  cluster.schedulingPolicy = cluster.SCHED_RR;
  cluster.setupPrimary({ execArgv: [`--max-old-space-size=${heapMb}`], stdio: ['ignore', 2, 2, 'ipc'] });
  let port = 0;
  let listening = 0;
  let stopping = false;
  const fork = () => cluster.fork({ OFFLOAD_MAX_PAYLOAD: String(maxPayload), OFFLOAD_PORT: String(port) });
  cluster.on('listening', (w, address) => {
    if (port === 0) port = address.port;
    if (++listening === workers) process.stdout.write(`ready ${port}\n`);
  });
  cluster.on('message', (w, m) => {
    if (m && m.abandoned) process.stdout.write(`abandoned ${m.abandoned}\n`);
  });
  cluster.on('exit', (w) => {
    if (stopping) return;
    process.stdout.write(`respawn ${w.process.pid}\n`);
    fork();
  });
  // the first worker picks the port; the others listen on it (the primary owns the one listening socket)
  const first = fork();
  first.once('listening', () => { for (let i = 1; i < workers; i++) fork(); });
  const stop = () => {
    stopping = true;
    for (const id in cluster.workers) cluster.workers[id].process.kill('SIGKILL');
    process.exit(0);
  };
  process.stdin.on('end', stop);
  process.stdin.resume();
}

function worker(maxPayload) {
  const http = require('http');
  const { runReported, SUPPORTED } = require('./workloads.js');
  process.on('disconnect', () => process.exit(0)); // the primary is gone
  const counters = { requests: 0, completed: 0, failures: 0, timedOut: 0, abandoned: 0 };
  const abandon = () => { counters.abandoned++; process.send({ abandoned: 1 }); };

  const fail = (res, status, kind, text) => {
    counters.failures++;
    const body = Buffer.from(String(text), 'utf8');
    // always a Content-Length: the JVM's client reads no chunked bodies
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': body.length,
      'X-Offload-Failure': kind, 'X-Offload-Worker': `${process.pid}@node` });
    res.end(body);
  };

  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/health') {
      const health = Buffer.from(JSON.stringify({ status: 'up', ...counters }));
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': health.length });
      res.end(health);
      return;
    }
    if (req.method !== 'POST' || !req.url.startsWith('/v1/run/')) {
      req.resume();
      fail(res, req.method !== 'POST' && req.url.startsWith('/v1/run/') ? 405 : 404, 'BAD_REQUEST',
          `no such endpoint: ${req.method} ${req.url}`);
      return;
    }
    const id = decodeURIComponent(req.url.slice('/v1/run/'.length));
    const length = Number(req.headers['content-length']);
    if (!Number.isInteger(length) || length < 0) {
      req.resume();
      fail(res, 411, 'BAD_REQUEST', 'a Content-Length is required (no chunked bodies)');
      return;
    }
    if (length > maxPayload) {
      fail(res, 413, 'BAD_REQUEST', `body of ${length} bytes is over the limit of ${maxPayload} bytes`);
      req.destroy();
      return;
    }
    const body = Buffer.allocUnsafe(length);
    let filled = 0;
    req.on('data', (c) => {
      if (filled + c.length > length) { req.destroy(); return; }
      c.copy(body, filled);
      filled += c.length;
    });
    req.on('end', () => runOne(req, res, id, filled === length ? body : body.subarray(0, filled)));
  });
  server.keepAliveTimeout = 300000; // the client keeps its connections; node's 5 s default would churn them
  server.headersTimeout = 310000;
  server.requestTimeout = 0;

  async function runOne(req, res, id, input) {
    counters.requests++;
    if (!SUPPORTED.includes(id)) {
      fail(res, 404, 'BAD_REQUEST', `workload '${id}' is not supported by node models; they run ${SUPPORTED.join(', ')}`);
      return;
    }
    const timeoutNanos = Number(req.headers['x-offload-timeout-nanos'] || 0);
    if (req.headers['x-offload-notify-start'] === 'true') res.writeProcessing();
    let answered = false;
    let timer = null;
    // a timed-out or hung-up task that later yields is abandoned: its answer goes nowhere
    res.on('close', () => { if (!answered) { answered = true; clearTimeout(timer); abandon(); } });
    if (timeoutNanos > 0) {
      timer = setTimeout(() => {
        if (answered) return;
        answered = true;
        counters.timedOut++;
        abandon();
        fail(res, 504, 'TIMED_OUT', `${id} ran past its timeout of ${timeoutNanos} ns in node cluster worker ${process.pid}`);
      }, Math.max(1, Math.ceil(timeoutNanos / 1e6)));
    }
    const r = await runReported(id, input);
    if (answered) return;
    answered = true;
    clearTimeout(timer);
    if (!r.ok) {
      fail(res, r.kind === 'BAD_REQUEST' ? 404 : 500, r.kind, r.message);
      return;
    }
    counters.completed++;
    // X-Offload-Checksum 0: not computed here (a JS CRC32C of 64 MiB costs ~150 ms); the JVM checksums the body
    res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': r.output.length,
      'X-Offload-Checksum': '0', 'X-Offload-Worker': `${process.pid}@node`, 'X-Offload-Queue-Nanos': '0',
      'X-Offload-Run-Nanos': String(r.runNanos) });
    res.end(r.output);
  }

  server.listen(Number(process.env.OFFLOAD_PORT), '127.0.0.1');
}
