package org.offloadbench.core.offload.transport;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.offloadbench.core.offload.support.TaskLifecycle;

/**
 * How a {@link TransportPool}'s workers stop at close: every task is taken off the queue and the workers
 * (the lifecycle fails what is left CLOSED), no more starts, idle workers are asked to exit on their own,
 * busy ones (cut short) are killed, and every worker ever started is reaped, its reader joined.
 */
final class PoolShutdown implements TaskLifecycle.Shutdown {
    private final PoolBooks books;
    private final WorkerStarter starter;
    private final Transport transport;
    private final PoolSettings settings;
    private final List<PoolWorker> busy = new ArrayList<>();
    private final List<PoolWorker> idle = new ArrayList<>();

    PoolShutdown(PoolBooks books, WorkerStarter starter, Transport transport, PoolSettings settings) {
        this.books = books;
        this.starter = starter;
        this.transport = transport;
        this.settings = settings;
    }

    @Override
    public void beforeCutShort() {
        detachAll();
    }

    @Override
    public void stopWorkers(long deadlineNanos) {
        detachAll();
        starter.shutdown();
        busy.forEach(w -> w.worker.kill());
        for (PoolWorker w : idle) {
            try {
                w.worker.shutdownGracefully();
            } catch (IOException e) {
                System.err.println(settings.model() + ": stopping " + w + " gently failed (" + e
                        + "); it will be killed");
                w.worker.kill();
            }
        }
        List<PoolWorker> all;
        synchronized (books) {
            all = new ArrayList<>(books.everyWorker);
        }
        for (PoolWorker w : all) {
            w.worker.close(settings.workerCloseGrace());
        }
        starter.awaitStopped();
        for (PoolWorker w : all) {
            w.worker.awaitReaderDone();
        }
        transport.close();
    }

    /** Takes every task off the queue and the workers, and every worker out of service. */
    private void detachAll() {
        synchronized (books) {
            books.queue.clear();
            for (PoolWorker w : books.workers) {
                w.state = PoolWorker.State.RETIRING;
                w.retireReason = "closing";
                (w.inFlight.isEmpty() ? idle : busy).add(w);
                books.takeAll(w);
            }
            books.workers.clear();
        }
    }
}
