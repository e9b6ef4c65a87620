package io.datainmotion.bench;

/** A stream processor doing the sentiment work from one topic to another, started in its own JVM. */
interface Engine extends AutoCloseable {

    /** Starts processing in the background and returns. */
    void start() throws Exception;

    /** Stops processing and releases everything; returns when done. */
    @Override
    void close() throws Exception;
}
