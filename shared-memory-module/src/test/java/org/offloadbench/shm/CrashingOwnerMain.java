package org.offloadbench.shm;

import org.offloadbench.core.offload.OffloaderConfig;

/**
 * Test helper run as a child JVM: creates a {@code shm/copy} offloader with one worker under the folder in
 * args[0], prints its region folder and its worker's pid, then dies like a SIGKILLed JVM ({@code halt}
 * skips shutdown hooks), leaving the region behind for the next start to clean.
 */
public final class CrashingOwnerMain {
    private CrashingOwnerMain() {
    }

    public static void main(String[] args) throws Exception {
        ShmOffloader offloader = (ShmOffloader) new ShmCopyProvider().create(OffloaderConfig.of(1, 1)
                .withOption(ShmSettings.DIR, args[0]).withOption(ShmSettings.SLOT_BYTES, "4096")
                .withOption(ShmSettings.JVM_OPTIONS, ShmTestSupport.CHILD_JVM_OPTIONS));
        System.out.println(offloader.region().file().getParent() + " " + offloader.region().slot(0).workerPid());
        System.out.flush();
        if (args.length > 1 && args[1].equals("exit")) {
            System.exit(0); // an orderly exit without close: the shutdown hook must remove the region
        }
        Runtime.getRuntime().halt(9);
    }
}
