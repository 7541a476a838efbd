/**
 * The binary wire format the out-of-process models speak: {@link org.offloadbench.core.wire.Frame} (one record
 * per message kind), {@link org.offloadbench.core.wire.FrameCodec} (the byte layout, documented there, with
 * strict decoding from streams and buffers), {@link org.offloadbench.core.wire.FrameLimits} (the hard size
 * limit, checked before allocating) and {@link org.offloadbench.core.wire.FrameWriter} (whole frames from
 * many threads). No Java serialization anywhere.
 */
package org.offloadbench.core.wire;
