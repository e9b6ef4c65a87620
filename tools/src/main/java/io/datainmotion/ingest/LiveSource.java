package io.datainmotion.ingest;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;

/**
 * The reading side of a live source. Its thread does nothing but read: it connects, reconnects and
 * puts every message as received on a bounded queue; decoding, filtering and writing happen on the
 * other side of the queue, so a slow broker never makes the reader slow (X disconnects slow readers).
 */
public interface LiveSource {

    /** {@code x} or {@code bluesky}. */
    String name();

    /**
     * Reads until {@link #stop()}; reconnects by itself.
     *
     * @throws IngestException when going on is pointless (credentials refused)
     */
    void run(BlockingQueue<String> messages) throws InterruptedException;

    /** Ends {@link #run} soon: closes the connection and cuts any back-off short. Any thread. */
    void stop();

    Decoded decode(String message);

    /** Waits before a reconnection; false when the source is stopping instead. */
    @FunctionalInterface
    interface Pause {
        boolean pause(Duration delay) throws InterruptedException;
    }
}
