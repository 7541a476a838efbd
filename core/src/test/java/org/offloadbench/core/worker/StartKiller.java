package org.offloadbench.core.worker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * For tests of the startup-failure guard: child JVMs started with {@link #jvmOptions()} pause at startup
 * (HotSpot's {@code PauseAtStartup}: the VM waits until its pause file is gone), so a child is certainly still
 * starting when it is looked at. The first such child of the given main class is killed with SIGKILL; every
 * later one is let go by deleting the pause file. Bounded in time; {@link #close} stops it.
 */
public final class StartKiller implements AutoCloseable {
    private final Path pauseFile;
    private final String mainClass;
    private final Thread thread;
    private final AtomicLong killedPid = new AtomicLong(-1);
    private volatile boolean stop;

    public StartKiller(Path dir, String mainClass) {
        this.pauseFile = dir.resolve("vm.paused");
        this.mainClass = mainClass;
        this.thread = new Thread(this::run, "test-start-killer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** The JVM options that make a child pause at startup until this killer lets it go. */
    public List<String> jvmOptions() {
        return List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+PauseAtStartup", "-XX:PauseAtStartupFile=" + pauseFile);
    }

    /** The pid killed while starting, or -1 when none was (yet). */
    public long killedPid() {
        return killedPid.get();
    }

    /**
     * A child started with our pause file. Matched on the pause-file flag, which comes before the class path:
     * the kernel's copy of a long command line can end before the main class (a class path of a few dozen
     * jars), and then the main class alone never matches.
     */
    private boolean isOurs(String commandLine) {
        return commandLine.contains("-XX:PauseAtStartupFile=" + pauseFile) || commandLine.contains(mainClass);
    }

    private void run() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        try {
            while (!stop && System.nanoTime() < deadline) {
                if (Files.exists(pauseFile)) {
                    List<ProcessHandle> paused = ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                            .filter(p -> isOurs(p.info().commandLine().orElse(""))).toList();
                    if (killedPid.get() < 0 && !paused.isEmpty()) {
                        ProcessHandle victim = paused.get(0);
                        victim.destroyForcibly();
                        victim.onExit().get(10, TimeUnit.SECONDS);
                        killedPid.set(victim.pid());
                        Files.deleteIfExists(pauseFile); // the victim's; the next child makes its own
                    } else if (killedPid.get() >= 0) {
                        Files.deleteIfExists(pauseFile); // let the replacement (and any other child) start
                    }
                }
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("start killer failed: " + e, e);
        }
    }

    @Override
    public void close() throws InterruptedException, IOException {
        stop = true;
        thread.join(TimeUnit.SECONDS.toMillis(5));
        Files.deleteIfExists(pauseFile);
    }
}
