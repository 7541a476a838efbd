package org.offloadbench.shm.worker;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.offloadbench.core.wire.Frame;
import org.offloadbench.core.wire.FrameCodec;
import org.offloadbench.core.workload.WorkloadCatalogue;
import org.offloadbench.shm.region.ShmRegion;
import org.offloadbench.shm.slot.Doorbell;
import org.offloadbench.shm.slot.Slot;
import org.offloadbench.shm.slot.SlotServer;
import org.offloadbench.shm.slot.StreamDoorbell;
import org.offloadbench.shm.slot.WaitStrategy;

/**
 * Main class of a shared-memory child JVM, started through core's {@code ChildJvmLauncher}: attaches to the
 * parent's region (checking its header and epoch), sends the usual READY frame on stdout and then serves
 * one slot with a {@link SlotServer}. Data moves only through the mapping; stdin and stdout carry at most a
 * doorbell byte per request and response ({@code --wait=park}).
 *
 * <pre>
 *   --region=PATH  --epoch=N  --slot=I  --wait=spin|backoff|park
 * </pre>
 *
 * <p>It never outlives its parent: end of stdin ends it, and a watcher halts it when the parent exits.
 * Exit codes: 0 stdin ended, 2 bad options, 3 region refused, 4 parent died, 1 anything else.
 */
public final class ShmWorkerMain {

    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_BAD_OPTIONS = 2;
    public static final int EXIT_BAD_REGION = 3;
    public static final int EXIT_PARENT_DIED = 4;

    private static final Set<String> OPTIONS = Set.of("--region", "--epoch", "--slot", "--wait");

    private ShmWorkerMain() {
    }

    public static void main(String[] args) {
        // stdout is the protocol: nothing a workload prints may land there
        OutputStream out = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 64);
        InputStream in = new FileInputStream(FileDescriptor.in);
        System.setOut(System.err);
        System.setIn(new ByteArrayInputStream(new byte[0]));
        PrintStream err = System.err;
        watchParent(err);

        Map<String, String> options;
        Path regionFile;
        long epoch;
        int slotIndex;
        WaitStrategy wait;
        try {
            options = parse(args);
            regionFile = Path.of(options.get("--region"));
            epoch = Long.parseLong(options.get("--epoch"));
            slotIndex = Integer.parseInt(options.get("--slot"));
            wait = WaitStrategy.parse(options.get("--wait"));
        } catch (RuntimeException e) {
            err.println("ShmWorkerMain: " + e.getMessage());
            halt(EXIT_BAD_OPTIONS);
            return;
        }
        ShmRegion region;
        try {
            region = ShmRegion.attach(regionFile, epoch);
            if (slotIndex < 0 || slotIndex >= region.layout().slotCount()) {
                throw new IOException("slot " + slotIndex + " outside 0.." + (region.layout().slotCount() - 1));
            }
        } catch (IOException e) {
            err.println("ShmWorkerMain: cannot attach: " + e.getMessage());
            halt(EXIT_BAD_REGION);
            return;
        }
        int code;
        try {
            Slot slot = region.slot(slotIndex);
            slot.setWorkerPid(ProcessHandle.current().pid());
            WorkloadCatalogue catalogue = WorkloadCatalogue.load();
            FrameCodec codec = FrameCodec.withDefaults();
            codec.write(new Frame.Ready(ProcessHandle.current().pid(), 1, region.layout().slotBytes()), out);
            out.flush();
            java.util.concurrent.atomic.AtomicBoolean stdinEnded = new java.util.concurrent.atomic.AtomicBoolean();
            Doorbell fromParent = Doorbell.NONE;
            Doorbell toParent = Doorbell.NONE;
            if (wait == WaitStrategy.PARK) {
                StreamDoorbell bell = new StreamDoorbell(in, out);
                fromParent = bell;
                toParent = bell;
            } else {
                // without doorbells stdin carries nothing, but its end still means "parent is done with us"
                Thread eof = new Thread(() -> {
                    try {
                        while (in.read() >= 0) {
                            // nothing is sent in this mode; drain whatever comes
                        }
                    } catch (IOException e) {
                        err.println("ShmWorkerMain: reading stdin failed: " + e);
                    }
                    stdinEnded.set(true);
                    halt(EXIT_OK);
                }, "shm-worker-stdin");
                eof.setDaemon(true);
                eof.start();
            }
            new SlotServer(slot, catalogue, wait, fromParent, toParent, stdinEnded::get).run();
            code = EXIT_OK;
        } catch (java.io.EOFException e) {
            code = EXIT_OK; // the parent closed our stdin: done
        } catch (Exception | Error e) {
            err.println("ShmWorkerMain: worker failed: " + e);
            e.printStackTrace(err);
            code = EXIT_FAILED;
        }
        halt(code);
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            if (!OPTIONS.contains(name) || eq < 0) {
                throw new IllegalArgumentException("bad option '" + arg + "'; valid: --region=PATH, --epoch=N, "
                        + "--slot=I, --wait=" + String.join("|", List.of("spin", "backoff", "park")));
            }
            options.put(name, arg.substring(eq + 1));
        }
        for (String required : OPTIONS) {
            if (!options.containsKey(required)) {
                throw new IllegalArgumentException("missing option " + required + "; all of " + OPTIONS + " are needed");
            }
        }
        return options;
    }

    /** Halts rather than exits: a workload thread stuck in CPU-bound code cannot hold the exit up. */
    private static void halt(int code) {
        System.err.flush();
        Runtime.getRuntime().halt(code);
    }

    private static void watchParent(PrintStream err) {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
            err.println("ShmWorkerMain: parent process " + parent.pid() + " exited; exiting too");
            Runtime.getRuntime().halt(EXIT_PARENT_DIED);
        }));
    }
}
