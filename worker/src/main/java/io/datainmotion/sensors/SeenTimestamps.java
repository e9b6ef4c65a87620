package io.datainmotion.sensors;

import java.util.Arrays;

/**
 * The de-duplicator on (sensorId, timestamp): the exact set of event times already counted in one
 * open window of one sensor.
 *
 * <p>Why this is bounded memory although it is exact: timestamps have millisecond resolution, so a
 * window of length L ms can hold at most L distinct ones, however many readings (and duplicates)
 * arrive. The set starts as a sorted array of offsets from the window start (4 bytes a reading, cheap
 * for the usual few readings per window) and turns into a bitmap of L bits once that is smaller
 * (more than L/32 readings). A window therefore never costs more than L/8 bytes: 7.5 KB for a minute,
 * even for a million readings. Entries of a window are dropped with it when it closes; readings for
 * closed windows are rejected as late before they get here, so nothing older needs remembering.
 *
 * <p>Mutable and not thread-safe; fields are plain so that Kryo's field serializer can checkpoint it.
 */
public final class SeenTimestamps {

    private int windowMillis;
    private int size;
    /** Sorted offsets while sparse; null once {@link #bitmap} is in use. */
    private int[] sortedOffsets;
    private long[] bitmap;

    public SeenTimestamps(long windowMillis) {
        if (windowMillis <= 0 || windowMillis > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("window must be 1.." + Integer.MAX_VALUE + " ms, got " + windowMillis);
        }
        this.windowMillis = (int) windowMillis;
        this.sortedOffsets = new int[4];
    }

    /** Records an offset from the window start; false if it was already there (a duplicate). */
    public boolean add(long offsetMillis) {
        if (offsetMillis < 0 || offsetMillis >= windowMillis) {
            throw new IllegalArgumentException("offset " + offsetMillis + " outside window of " + windowMillis + " ms");
        }
        int offset = (int) offsetMillis;
        boolean added = bitmap != null ? addToBitmap(offset) : addToArray(offset);
        if (added) {
            size++;
            if (bitmap == null && (long) size * Integer.SIZE > windowMillis) {
                switchToBitmap();
            }
        }
        return added;
    }

    public int size() {
        return size;
    }

    public SeenTimestamps copy() {
        SeenTimestamps copy = new SeenTimestamps();
        copy.windowMillis = windowMillis;
        copy.size = size;
        copy.sortedOffsets = sortedOffsets == null ? null : sortedOffsets.clone();
        copy.bitmap = bitmap == null ? null : bitmap.clone();
        return copy;
    }

    private boolean addToArray(int offset) {
        // Readings mostly arrive in order, so the common case is an append.
        if (size == 0 || sortedOffsets[size - 1] < offset) {
            ensureArrayCapacity();
            sortedOffsets[size] = offset;
            return true;
        }
        int found = Arrays.binarySearch(sortedOffsets, 0, size, offset);
        if (found >= 0) {
            return false;
        }
        int insertAt = -found - 1;
        ensureArrayCapacity();
        System.arraycopy(sortedOffsets, insertAt, sortedOffsets, insertAt + 1, size - insertAt);
        sortedOffsets[insertAt] = offset;
        return true;
    }

    private void ensureArrayCapacity() {
        if (size == sortedOffsets.length) {
            sortedOffsets = Arrays.copyOf(sortedOffsets, size * 2);
        }
    }

    private boolean addToBitmap(int offset) {
        long mask = 1L << (offset & 63);
        int word = offset >>> 6;
        if ((bitmap[word] & mask) != 0) {
            return false;
        }
        bitmap[word] |= mask;
        return true;
    }

    private void switchToBitmap() {
        bitmap = new long[(windowMillis + 63) >>> 6];
        for (int i = 0; i < size; i++) {
            addToBitmap(sortedOffsets[i]);
        }
        sortedOffsets = null;
    }

    /** For Kryo. */
    private SeenTimestamps() {
    }
}
