package io.datainmotion.sensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SeenTimestampsTest {

    @Test
    void reportsDuplicatesWhetherInOrderOrNot() {
        SeenTimestamps seen = new SeenTimestamps(60_000);

        assertTrue(seen.add(5));
        assertTrue(seen.add(1));
        assertTrue(seen.add(3));
        assertFalse(seen.add(1));
        assertFalse(seen.add(5));
        assertEquals(3, seen.size());
    }

    @Test
    void agreesWithAHashSetAcrossTheSwitchToABitmap() {
        SplittableRandom random = new SplittableRandom(7);
        SeenTimestamps seen = new SeenTimestamps(1_000);
        Set<Long> reference = new HashSet<>();
        // 5,000 draws over 1,000 possible offsets: the array turns into a bitmap after 31 entries.
        for (int i = 0; i < 5_000; i++) {
            long offset = random.nextLong(1_000);
            assertEquals(reference.add(offset), seen.add(offset), "offset " + offset);
        }
        assertEquals(reference.size(), seen.size());
    }

    @Test
    void rejectsOffsetsOutsideTheWindow() {
        SeenTimestamps seen = new SeenTimestamps(10);

        assertThrows(IllegalArgumentException.class, () -> seen.add(10));
        assertThrows(IllegalArgumentException.class, () -> seen.add(-1));
    }
}
