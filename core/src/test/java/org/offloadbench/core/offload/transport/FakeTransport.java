package org.offloadbench.core.offload.transport;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.offloadbench.core.offload.FailureKind;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.workload.Checksums;

/**
 * A transport of in-memory workers for the pool's tests: requests are recorded, the test answers them, and
 * every answer (and the end of a worker) is delivered on the worker's own reading thread, as a real one does.
 */
final class FakeTransport implements Transport {
    /** What a started worker does on its own. */
    enum Behaviour { MANUAL, ECHO }

    final List<FakeWorker> started = new CopyOnWriteArrayList<>();
    final AtomicInteger launches = new AtomicInteger();
    /** Launch numbers that fail to start. */
    final java.util.Set<Integer> failingStarts = ConcurrentHashMap.newKeySet();
    volatile int failFrom = Integer.MAX_VALUE;
    volatile Behaviour behaviour = Behaviour.MANUAL;
    volatile boolean closed;

    @Override
    public Launch launch(int n) {
        launches.incrementAndGet();
        return new Launch() {
            @Override
            public long spawnNanos() {
                return System.nanoTime();
            }

            @Override
            public TransportWorker awaitReady() throws IOException {
                if (failingStarts.contains(n) || n >= failFrom) {
                    throw new IOException("worker " + n + " did not start (by the test)");
                }
                FakeWorker w = new FakeWorker(n, behaviour);
                started.add(w);
                return w;
            }

            @Override
            public void abort() {
            }
        };
    }

    @Override
    public String checkRequest(Task task) {
        return task.input().length > 1024 ? "input over the fake limit of 1024 bytes" : null;
    }

    @Override
    public void close() {
        closed = true;
    }

    static final class FakeWorker implements TransportWorker {
        final int n;
        final Behaviour behaviour;
        final Map<Long, Task> requests = new ConcurrentHashMap<>();
        final List<Long> sentIds = new CopyOnWriteArrayList<>();
        private final ExecutorService reader;
        private volatile Answers answers;
        volatile boolean alive = true;
        volatile boolean gracefulShutdown;
        private final AtomicInteger goneReports = new AtomicInteger();

        FakeWorker(int n, Behaviour behaviour) {
            this.n = n;
            this.behaviour = behaviour;
            this.reader = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "fake-reader-" + n);
                t.setDaemon(true);
                return t;
            });
        }

        @Override
        public long pid() {
            return 1000 + n;
        }

        @Override
        public void startReading(Answers a) {
            answers = a;
        }

        @Override
        public void send(long requestId, Task task, byte[] input) throws IOException {
            if (!alive) {
                throw new IOException("broken pipe (fake)");
            }
            requests.put(requestId, task);
            sentIds.add(requestId);
            if (behaviour == Behaviour.ECHO) {
                answer(requestId, input.clone());
            }
        }

        /** Answers a request with {@code output}, on the reading thread. */
        void answer(long requestId, byte[] output) {
            reader.execute(() -> {
                requests.remove(requestId);
                String problem = answers.result(requestId, output, Checksums.of(output), 0L, 1L);
                if (problem != null) {
                    end(problem, true);
                }
            });
        }

        void failTask(long requestId, FailureKind kind, String message) {
            reader.execute(() -> {
                requests.remove(requestId);
                String problem = answers.failed(requestId, kind, message);
                if (problem != null) {
                    end(problem, true);
                }
            });
        }

        /** The worker dies on its own (a crash). */
        void crash() {
            alive = false;
            reader.execute(() -> end(null, false));
        }

        private void end(String problem, boolean garbage) {
            alive = false;
            if (goneReports.getAndIncrement() == 0) {
                answers.gone(problem, garbage);
            }
        }

        @Override
        public boolean isAlive() {
            return alive;
        }

        @Override
        public void kill() {
            crash();
        }

        @Override
        public void shutdownGracefully() {
            gracefulShutdown = true;
            crash();
        }

        @Override
        public void close(Duration grace) {
            alive = false;
        }

        @Override
        public void awaitReaderDone() {
            reader.shutdown();
            try {
                reader.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public String deathReport() {
            return " (exit code 137, signal 9; fake)";
        }

        @Override
        public String toString() {
            return "fake worker " + n;
        }
    }
}
