package org.offloadbench.core.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class HiccupMeterTest {
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    /** Sleeps take exactly as long as asked, except when a stall is armed. */
    private static final class StallingClock implements NanoClock {
        private final FakeNanoClock inner = new FakeNanoClock();
        private long nextStallNanos;

        @Override
        public long nanoTime() {
            return inner.nanoTime();
        }

        @Override
        public void sleepUntil(long deadlineNanos) throws InterruptedException {
            inner.sleepUntil(deadlineNanos);
            inner.advance(nextStallNanos);
            nextStallNanos = 0;
        }
    }

    @Test
    void recordsHowLateEachWakeUpWas() throws Exception {
        StallingClock clock = new StallingClock();
        HiccupMeter meter = new HiccupMeter(clock, MS);
        for (int i = 0; i < 990; i++) {
            assertEquals(0, meter.sampleOnce());
        }
        clock.nextStallNanos = 10 * MS;
        assertEquals(10 * MS, meter.sampleOnce());
        Histogram histogram = meter.stop();

        assertEquals(10 * MS, histogram.getMaxValue(), MS / 100.0);
        // the 10 ms stall swallowed nine 1 ms samples; like jHiccup they are filled in (9, 8, ... 1 ms)
        assertEquals(991 + 9, histogram.getTotalCount());
        assertEquals(0, histogram.getValueAtPercentile(99));
        assertEquals(5 * MS, histogram.getValueAtPercentile(99.5), MS / 50.0);
    }

    @Test
    void intervalsMakeATimeSeriesThatALogWriterAndReaderKeep(@TempDir Path tmp) throws Exception {
        StallingClock clock = new StallingClock();
        HiccupMeter meter = new HiccupMeter(clock, MS);
        long[] stallMillis = {0, 7, 0, 30};
        for (long stall : stallMillis) {
            for (int i = 0; i < 99; i++) {
                meter.sampleOnce();
            }
            clock.nextStallNanos = stall * MS;
            meter.sampleOnce();
            if (stall != 30) {
                meter.takeInterval();
            }
        }
        Histogram total = meter.stop();
        meter.stop(); // a second stop (close after stop) adds no interval
        List<HiccupMeter.Interval> intervals = meter.intervals();
        assertEquals(4, intervals.size());
        for (int i = 0; i < 4; i++) {
            assertEquals(stallMillis[i] * MS, intervals.get(i).histogram().getMaxValue(), MS / 10.0, "interval " + i);
            assertEquals(i == 0 ? 0 : intervals.get(i - 1).endNanos(), intervals.get(i).startNanos(),
                    "intervals follow each other without a gap");
        }
        assertTrue(intervals.get(3).endNanos() >= 400 * MS + 37 * MS, "the clock's time: " + intervals.get(3));
        assertEquals(intervals.stream().mapToLong(i -> i.histogram().getTotalCount()).sum(), total.getTotalCount());

        Path file = tmp.resolve("h.hlog");
        try (HistogramLogs.Log log = HistogramLogs.open(file, "test", 1_764_244_800_000L)) {
            for (HiccupMeter.Interval i : intervals) {
                log.writer().outputIntervalHistogram(i.startNanos() / 1e9, i.endNanos() / 1e9, i.histogram(),
                        HistogramLogs.MAX_VALUE_UNIT_RATIO);
            }
        }
        HistogramLogReader reader = new HistogramLogReader(file.toFile());
        List<Long> maxes = new ArrayList<>();
        EncodableHistogram h;
        while ((h = reader.nextIntervalHistogram()) != null) {
            maxes.add(Math.round(((Histogram) h).getMaxValue() / 1e6));
        }
        reader.close();
        assertEquals(List.of(0L, 7L, 0L, 30L), maxes);
    }

    @Test
    @Timeout(30)
    void startsAndStopsARealThread() throws Exception {
        HiccupMeter meter = HiccupMeter.oneMillisecond();
        meter.start();
        assertThrows(IllegalStateException.class, meter::start);
        // a loaded machine may not schedule the meter's thread for a while: wait (bounded) for its first sample
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        long sampled = 0;
        while (sampled == 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            sampled += meter.intervalHistogram().getTotalCount();
        }
        Histogram histogram = meter.stop();
        // liveness only: it sampled, and the thread is gone
        org.junit.jupiter.api.Assertions.assertTrue(histogram.getTotalCount() > 0);
        org.junit.jupiter.api.Assertions.assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("hiccup-meter")));
    }

    /** Time moves only when told; a sleep never ends until it is interrupted (a thread that gets no CPU). */
    private static final class StarvingClock implements NanoClock {
        final FakeNanoClock inner = new FakeNanoClock();
        final java.util.concurrent.CountDownLatch asleep = new java.util.concurrent.CountDownLatch(1);

        @Override
        public long nanoTime() {
            return inner.nanoTime();
        }

        @Override
        public void sleepUntil(long deadlineNanos) throws InterruptedException {
            asleep.countDown();
            new java.util.concurrent.CountDownLatch(1).await(); // until stop() interrupts it
        }
    }

    @Test
    @Timeout(30)
    void aMeterThreadStarvedForTheWholeWindowRecordsThatWindowAsOneHiccup() throws Exception {
        StarvingClock clock = new StarvingClock();
        HiccupMeter meter = new HiccupMeter(clock, MS);
        meter.start();
        assertTrue(clock.asleep.await(10, TimeUnit.SECONDS), "the meter's thread began its first sleep");
        clock.inner.advance(80 * MS); // the whole 80 ms window passes while that sleep has not come back
        Histogram histogram = meter.stop();
        assertEquals(79 * MS, histogram.getMaxValue(), MS / 10.0, "the sleep in progress was 79 ms late");
        // recorded with its expected interval, as any stall: the 1 ms samples it swallowed count too
        assertEquals(79, histogram.getTotalCount());
        assertEquals(1, meter.intervals().size());
        assertEquals(79, meter.intervals().get(0).histogram().getTotalCount());
    }
}
