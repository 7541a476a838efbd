/**
 * The mapped file: where it lives and who may read it ({@link org.offloadbench.shm.region.RegionFiles}),
 * where each slot lies ({@link org.offloadbench.shm.region.RegionLayout}), the checked header
 * ({@link org.offloadbench.shm.region.RegionHeader}) and creating or attaching to a region
 * ({@link org.offloadbench.shm.region.ShmRegion}).
 */
package org.offloadbench.shm.region;
