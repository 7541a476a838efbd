package org.offloadbench.shm.region;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.offloadbench.shm.slot.Slot;

/** The region file: private, unguessable, checked on attach, removed on close. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ShmRegionTest {

    @TempDir
    Path base;

    @Test
    void theFileIsOwnerOnlyInAPrivateFolderUnderAnUnguessableName() throws IOException {
        try (ShmRegion region = ShmRegion.create(base, new RegionLayout(2, 4096))) {
            Path file = region.file();
            Path folder = file.getParent();
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)));
            assertTrue(folder.getFileName().toString().startsWith(
                    RegionFiles.FOLDER_PREFIX + ProcessHandle.current().pid() + "-"), folder.toString());
            // 128 random bits in the file name, 64 in the folder's
            assertTrue(file.getFileName().toString().matches("region-[0-9a-f]{32}"), file.toString());
            assertEquals(region.layout().fileBytes(), Files.size(file));
            try (ShmRegion other = ShmRegion.create(base, new RegionLayout(2, 4096))) {
                assertFalse(other.file().equals(file), "two regions must never share a name");
            }
        }
    }

    @Test
    void closeRemovesTheFolderAndIsIdempotent() throws IOException {
        ShmRegion region = ShmRegion.create(base, new RegionLayout(1, 64));
        Path folder = region.file().getParent();
        region.close();
        assertFalse(Files.exists(folder));
        region.close();
        try (var left = Files.list(base)) {
            assertEquals(0, left.count(), "nothing may be left under the base folder");
        }
    }

    @Test
    void anAttachedProcessSeesTheOwnersSlots() throws IOException {
        try (ShmRegion owner = ShmRegion.create(base, new RegionLayout(3, 128));
             ShmRegion attached = ShmRegion.attach(owner.file(), owner.header().epoch())) {
            assertEquals(owner.header(), attached.header());
            assertFalse(attached.isOwner());
            Slot mine = owner.slot(2);
            mine.prepareRequest("echo".getBytes(), 3);
            mine.requestArea().put(new byte[] {1, 2, 3});
            mine.publishRequest();
            Slot theirs = attached.slot(2);
            assertEquals(Slot.REQUEST_WRITTEN, theirs.state());
            assertTrue(theirs.compareAndSetState(Slot.REQUEST_WRITTEN, Slot.CLAIMED));
            assertEquals("echo", theirs.workloadId());
            assertTrue(theirs.workloadIdIs("echo".getBytes()));
            assertFalse(theirs.workloadIdIs("ech".getBytes()), "a prefix is another id");
            assertFalse(theirs.workloadIdIs("echo2".getBytes()), "a longer id is another id");
            assertFalse(theirs.workloadIdIs("ecHo".getBytes()));
            assertEquals(3, theirs.requestView().remaining());
            assertEquals(Slot.CLAIMED, mine.state());
            assertFalse(mine.compareAndSetState(Slot.REQUEST_WRITTEN, Slot.FREE), "a claimed slot cannot be taken back");
        }
        // attached processes never delete the owner's file
    }

    @Test
    void aTruncatedFileIsRefusedBeforeAnythingIsMapped() throws IOException {
        try (ShmRegion region = ShmRegion.create(base, new RegionLayout(2, 4096))) {
            Path copy = copyOf(region.file());
            try (FileChannel ch = FileChannel.open(copy, StandardOpenOption.WRITE)) {
                ch.truncate(region.layout().fileBytes() - 1);
            }
            RegionFormatException e = assertThrows(RegionFormatException.class,
                    () -> ShmRegion.attach(copy, region.header().epoch()));
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());

            try (FileChannel ch = FileChannel.open(copy, StandardOpenOption.WRITE)) {
                ch.truncate(100);
            }
            e = assertThrows(RegionFormatException.class, () -> ShmRegion.attach(copy, region.header().epoch()));
            assertTrue(e.getMessage().contains("truncated") && e.getMessage().contains("100 bytes"), e.getMessage());
        }
    }

    @ParameterizedTest(name = "byte {0} flipped")
    @ValueSource(ints = {0, 8, 12, 16, 20, 24, 32, 40, 48})
    void aCorruptHeaderIsRefusedWithAClearMessage(int offset) throws IOException {
        try (ShmRegion region = ShmRegion.create(base, new RegionLayout(2, 4096))) {
            Path copy = copyOf(region.file());
            try (FileChannel ch = FileChannel.open(copy, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                ByteBuffer one = ByteBuffer.allocate(1);
                ch.read(one, offset);
                one.flip();
                byte b = one.get(0);
                ch.write(ByteBuffer.wrap(new byte[] {(byte) (b ^ 0x40)}), offset);
            }
            RegionFormatException e = assertThrows(RegionFormatException.class,
                    () -> ShmRegion.attach(copy, region.header().epoch()));
            assertTrue(e.getMessage().contains(copy.toString()), "the message names the file: " + e.getMessage());
            assertTrue(e.getMessage().contains("magic") || e.getMessage().contains("version")
                    || e.getMessage().contains("corrupt"), e.getMessage());
        }
    }

    @Test
    void aForeignFileIsRefused() throws IOException {
        Path random = base.resolve("not-a-region");
        byte[] junk = new byte[64 * 1024];
        new Random(7).nextBytes(junk);
        Files.write(random, junk);
        RegionFormatException e = assertThrows(RegionFormatException.class, () -> ShmRegion.attach(random, 1L));
        assertTrue(e.getMessage().contains("not an offload-bench shared-memory region"), e.getMessage());

        Path empty = Files.createFile(base.resolve("empty"));
        e = assertThrows(RegionFormatException.class, () -> ShmRegion.attach(empty, 1L));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());

        e = assertThrows(RegionFormatException.class, () -> ShmRegion.attach(base, 1L));
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
    }

    @Test
    void aValidRegionOfAnotherOwnerIsRefusedByEpoch() throws IOException {
        try (ShmRegion region = ShmRegion.create(base, new RegionLayout(1, 64))) {
            RegionFormatException e = assertThrows(RegionFormatException.class,
                    () -> ShmRegion.attach(region.file(), region.header().epoch() + 1));
            assertTrue(e.getMessage().contains("epoch"), e.getMessage());
        }
    }

    @Test
    void impossibleLayoutsAreRefusedNamingTheLimits() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RegionLayout(0, 64));
        assertTrue(e.getMessage().contains("1.." + RegionLayout.MAX_SLOTS), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new RegionLayout(1, RegionLayout.MAX_SLOT_BYTES + 1));
        assertTrue(e.getMessage().contains("512 MiB"), e.getMessage());
    }

    @Test
    void staleRegionsOfDeadOwnersAreRemovedAndLiveOnesKept() throws Exception {
        Process dead = new ProcessBuilder("true").start();
        assertTrue(dead.waitFor(30, TimeUnit.SECONDS));
        Path stale = Files.createDirectory(base.resolve(RegionFiles.FOLDER_PREFIX + dead.pid() + "-abcdef"));
        Files.write(stale.resolve("region-0"), new byte[10]);
        Path unrelated = Files.createDirectory(base.resolve("someone-elses-folder"));
        try (ShmRegion live = ShmRegion.create(base, new RegionLayout(1, 64))) {
            assertFalse(Files.exists(stale), "the dead owner's region must be cleaned on the next start");
            assertTrue(Files.exists(unrelated), "folders that are not ours are never touched");
            assertTrue(RegionFiles.cleanStale(base).isEmpty(), "a live owner's region is never removed");
            assertTrue(Files.exists(live.file()));
        }
    }

    private Path copyOf(Path file) throws IOException {
        Path copy = base.resolve("copy-" + System.nanoTime());
        Files.copy(file, copy);
        return copy;
    }
}
