'use strict';
// The workloads node models run, byte-identical to the JVM's built-ins (core's workload.builtin and
// workload.fault): noop, echo, sha256 and the fault workloads the conformance kit drives. Anything else is
// refused with a BAD_REQUEST naming these. Only Node's built-in modules.
const crypto = require('crypto');

const REAL = ['noop', 'echo', 'sha256'];
const FAULTS = ['fault-sleep', 'fault-spin', 'fault-hang', 'fault-throw', 'fault-halt', 'fault-oom'];
const SUPPORTED = REAL.concat(FAULTS);
const EMPTY = Buffer.alloc(0);
const MAX_CAP_MILLIS = 120000;

class TaskError extends Error {
  constructor(kind, message) {
    super(message);
    this.kind = kind; // a core FailureKind name: BAD_REQUEST, WORKLOAD_FAILED
  }
}

// the 8-byte big-endian parameter of a fault input, range-checked as FaultWorkload.parameter does
function parameter(id, option, input, min, max) {
  if (input.length < 8) {
    throw new TaskError('WORKLOAD_FAILED', `${id}: input must start with an 8-byte ${option} value, got `
        + `${input.length} bytes (build inputs with generateInput)`);
  }
  const value = input.readBigInt64BE(0);
  if (value < min || value > max) {
    throw new TaskError('WORKLOAD_FAILED', `${id}: ${option} must be in ${min}..${max}, was ${value}`);
  }
  return Number(value);
}

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const TEN_MINUTES = 600000n;

// Runs one task; returns a Buffer or a Promise of one. Sleeps are timers (the event loop stays free, which is
// how Node code waits); a stuck task is ended by the parent terminating the worker that runs it.
function run(id, input) {
  switch (id) {
    case 'noop': return EMPTY;
    case 'echo': return Buffer.from(input); // a copy, as EchoWorkload returns
    case 'sha256': return crypto.createHash('sha256').update(input).digest();
    case 'fault-sleep': {
      const ms = parameter(id, 'millis', input, 0n, TEN_MINUTES);
      return delay(ms).then(() => Buffer.from(input));
    }
    case 'fault-spin': {
      const until = process.hrtime.bigint() + BigInt(parameter(id, 'millis', input, 0n, TEN_MINUTES)) * 1000000n;
      while (process.hrtime.bigint() < until) { /* busy on purpose */ }
      return Buffer.from(input);
    }
    case 'fault-hang': {
      const cap = parameter(id, 'capMillis', input, 1n, BigInt(MAX_CAP_MILLIS));
      return delay(cap).then(() => {
        throw new TaskError('WORKLOAD_FAILED', `${id}: hit its safety cap of ${cap} ms`);
      });
    }
    case 'fault-throw': {
      const code = input.length < 8 ? null : input.readBigInt64BE(0);
      if (code === null) parameter(id, 'code', input, 0n, 0n);
      throw new TaskError('WORKLOAD_FAILED', `fault-throw: deliberate failure (code ${code})`);
    }
    case 'fault-halt':
      process.exit(parameter(id, 'exitCode', input, 0n, 255n)); // in a worker thread: ends that thread only
      break;
    case 'fault-oom': {
      const chunk = parameter(id, 'chunkBytes', input, 1024n, 2147483631n);
      const hoard = [];
      // JS arrays live on the V8 heap, which the parent capped: this ends in a heap-exhaustion crash
      for (;;) hoard.push(new Array(Math.max(1, chunk >> 3)).fill(hoard.length));
    }
    default:
      throw new TaskError('BAD_REQUEST', `workload '${id}' is not supported by node models; they run `
          + `${REAL.join(', ')} (and the fault workloads ${FAULTS.join(', ')})`);
  }
  return EMPTY;
}

// Runs a task and reports {ok, output, runNanos} or {ok:false, kind, message}; never throws.
async function runReported(id, input) {
  const start = process.hrtime.bigint();
  try {
    const output = await run(id, input);
    return { ok: true, output, runNanos: Number(process.hrtime.bigint() - start) };
  } catch (e) {
    return { ok: false, kind: e.kind || 'WORKLOAD_FAILED', message: e.kind ? e.message : `${id}: ${e}` };
  }
}

module.exports = { SUPPORTED, REAL, FAULTS, TaskError, run, runReported };
