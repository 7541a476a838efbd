package org.offloadbench.threads;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ThreadFactory;

import org.offloadbench.core.offload.Availability;

/**
 * Virtual threads, reached without compiling against them: this module is built with {@code --release 17},
 * where {@code Thread.ofVirtual()} does not exist. On JDK 21+ the method handles below resolve; on older JDKs
 * {@link #availability()} says why the model cannot run.
 */
final class VirtualThreads {
    private static final int FIRST_FINAL_JDK = 21;
    private static final MethodHandle OF_VIRTUAL;
    private static final MethodHandle NAME;
    private static final MethodHandle FACTORY;
    private static final Availability AVAILABILITY;

    static {
        MethodHandle ofVirtual = null;
        MethodHandle name = null;
        MethodHandle factory = null;
        Availability availability;
        int feature = Runtime.version().feature();
        if (feature < FIRST_FINAL_JDK) {
            availability = Availability.no("virtual threads need JDK " + FIRST_FINAL_JDK + " or newer; this JVM is "
                    + System.getProperty("java.vm.name") + " " + Runtime.version()
                    + " (run with a newer JAVA_HOME to measure this model)");
        } else {
            try {
                Class<?> ofVirtualType = Class.forName("java.lang.Thread$Builder$OfVirtual");
                Class<?> builderType = Class.forName("java.lang.Thread$Builder");
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                ofVirtual = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtualType));
                name = lookup.findVirtual(ofVirtualType, "name",
                        MethodType.methodType(ofVirtualType, String.class, long.class));
                factory = lookup.findVirtual(builderType, "factory", MethodType.methodType(ThreadFactory.class));
                availability = Availability.yes();
            } catch (ReflectiveOperationException e) {
                availability = Availability.no("virtual threads not found on " + Runtime.version() + ": " + e);
            }
        }
        OF_VIRTUAL = ofVirtual;
        NAME = name;
        FACTORY = factory;
        AVAILABILITY = availability;
    }

    private VirtualThreads() {
    }

    static Availability availability() {
        return AVAILABILITY;
    }

    /** A factory of unstarted virtual threads named {@code prefix1, prefix2, ...}. */
    static ThreadFactory factory(String prefix) {
        if (!AVAILABILITY.available()) {
            throw new IllegalStateException(AVAILABILITY.reason());
        }
        try {
            Object builder = OF_VIRTUAL.invoke();
            builder = NAME.invoke(builder, prefix, 1L);
            return (ThreadFactory) FACTORY.invoke(builder);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("could not build a virtual thread factory", t);
        }
    }
}
