package org.offloadbench.process.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.offloadbench.core.offload.Task;
import org.offloadbench.core.worker.ChildJvmLauncher;
import org.offloadbench.process.PipesOffloader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long from "I need a worker" to its first answer, next to the floor of any JVM: a bare {@code java}
 * Hello that starts and exits, measured in the same run on the same machine.
 *
 * <p>{@link #spawnToFirstResult} creates a one-child pool (launch, READY) and waits for one {@code noop}; the
 * pool is closed outside the timed part. SingleShotTime, because a start is a cold event that repeating in a
 * loop would only hide.
 *
 * <p>The {@code cds} parameter: {@code default} is the JDK's own class-data archive (the JVM default);
 * {@code app} an application archive of the worker dumped once in setup into {@code target/process-cds/}
 * (class-data sharing only archives classes from jars, which benchmarks.jar is); {@code off} none.
 *
 * <p>Run: {@code java -jar process-module/target/benchmarks.jar StartupBenchmark}
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 15)
@Fork(1)
@State(Scope.Benchmark)
public class StartupBenchmark {

    @Param({"default", "app", "off"})
    public String cds;

    @Param({"full"})
    public String tiering;

    private Path archive;
    private PipesOffloader pool;
    private final byte[] input = new byte[64];

    @Setup(Level.Trial)
    public void prepareArchive() {
        if (cds.equals("app")) {
            archive = Path.of("target", "process-cds", "worker-" + tiering + "-"
                    + Runtime.version().feature() + ".jsa").toAbsolutePath();
            // the first pool dumps the archive (or reuses one from an earlier run)
            PipesOffloader first = PipesBench.pool(1, 4, "cds", "app", "cdsArchive", archive.toString(),
                    "tiering", tiering);
            String status = first.cdsStatus();
            first.close(Duration.ofSeconds(10));
            System.out.println("process/pipes CDS: " + status);
            if (!status.contains("archive") || status.startsWith("no ")) {
                throw new IllegalStateException("no application CDS archive: " + status);
            }
        }
    }

    @TearDown(Level.Invocation)
    public void closePool() {
        if (pool != null) {
            pool.close(Duration.ofSeconds(10));
            pool = null;
        }
    }

    @Benchmark
    public long spawnToFirstResult() throws Exception {
        pool = cds.equals("app")
                ? PipesBench.pool(1, 4, "cds", "app", "cdsArchive", archive.toString(), "tiering", tiering)
                : PipesBench.pool(1, 4, "cds", cds, "tiering", tiering);
        return pool.submit(Task.of("noop", input)).get().checksum();
    }

    /** The floor: {@code java -cp <same classpath> Hello}, start to exit. Only measured once per cds value. */
    @Benchmark
    public int bareJavaHello() throws IOException, InterruptedException {
        List<String> command = cds.equals("off")
                ? List.of(ChildJvmLauncher.currentJavaExecutable().toString(), "-Xshare:off", "-cp",
                System.getProperty("java.class.path"), Hello.class.getName())
                : List.of(ChildJvmLauncher.currentJavaExecutable().toString(), "-cp",
                System.getProperty("java.class.path"), Hello.class.getName());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return p.waitFor();
    }
}
