package io.datainmotion.testing;

import java.util.concurrent.atomic.AtomicInteger;

/** How many batches {@link FlakySentimentBolt} failed in this JVM, so a test can check faults happened. */
public final class FlakyCounter {

    public static final AtomicInteger FAILED = new AtomicInteger();

    private FlakyCounter() {}
}
