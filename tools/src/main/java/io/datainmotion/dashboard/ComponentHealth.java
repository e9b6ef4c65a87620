package io.datainmotion.dashboard;

/**
 * One spout or bolt of a running topology as the Storm UI shows it: executors; tuples emitted, acked
 * and failed over the topology's life; over the last ten minutes, capacity (bolts: the busiest executor's
 * fraction of time spent executing) and latency (spouts: complete latency; bolts: execute latency).
 */
public record ComponentHealth(String topology, String component, String type, int executors,
                              long emitted, long acked, long failed, double capacity, double latencyMs) {}
