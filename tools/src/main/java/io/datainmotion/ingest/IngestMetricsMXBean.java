package io.datainmotion.ingest;

import java.util.Map;

/** The ingestion counters as JMX attributes ({@code io.datainmotion:type=Ingest,source=x|bluesky}). */
public interface IngestMetricsMXBean {

    long getPostsReceived();

    long getPostsWritten();

    long getPostsSkippedByLanguage();

    Map<String, Long> getPostsSkippedPerLanguage();

    long getPostsSkippedByKeyword();

    long getMessagesMalformed();

    long getReconnects();

    long getCurrentBackoffMillis();

    long getSecondsSinceLastKeepAlive();
}
