package org.offloadbench.core.workload;

/** The dominant cost of a workload; the report's verdict table has one row per class. */
public enum WorkloadClass {
    /** Moves bytes and does almost nothing else: isolates the transport's own cost. */
    TRANSPORT,
    /** Hashing and key derivation. */
    HASHING,
    /** Compression. */
    COMPRESSION,
    /** Parsing and aggregating text formats. */
    PARSING,
    /** Pixel work on rasters. */
    IMAGE,
    /** Dense float math, like model inference. */
    INFERENCE,
    /** Plain arithmetic loops. */
    COMPUTE,
    /**
     * Misbehaves on purpose (hangs, throws, halts the JVM, exhausts the heap) for the conformance kit and
     * the resilience suite; never part of a default benchmark selection.
     */
    FAULT
}
