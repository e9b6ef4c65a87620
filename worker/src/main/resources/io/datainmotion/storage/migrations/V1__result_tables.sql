-- The tables flux/storage.yaml fills from the result topics. Every row keeps the partition and offset
-- of the Kafka record it was written from (kafka_partition, kafka_offset): records of one key share a
-- partition, so a record at a lower offset is an older version and never overwrites a newer row.

-- twitter_sentiment, keyed by tweet id; a tweet scored again keeps its latest score (scored_at).
CREATE TABLE tweet_sentiment (
    id               text             PRIMARY KEY,
    tweet            text             NOT NULL,
    sentiment        text             NOT NULL CHECK (sentiment IN ('positive', 'negative', 'neutral')),
    polarity         double precision NOT NULL,
    scored_at        timestamptz      NOT NULL,
    created_at       timestamptz,
    source_topic     text             NOT NULL,
    source_partition integer          NOT NULL,
    source_offset    bigint           NOT NULL,
    kafka_partition  integer          NOT NULL,
    kafka_offset     bigint           NOT NULL
);
-- Questions by time ask for when a tweet was created, else when it was scored: one index for both
-- (an index per column would cost a third index write per row).
CREATE INDEX tweet_sentiment_event_time ON tweet_sentiment ((coalesce(created_at, scored_at)));

-- sentiment-trends: one row per event-time window, overall counts.
CREATE TABLE sentiment_trends (
    window_start       timestamptz      PRIMARY KEY,
    window_end         timestamptz      NOT NULL,
    tweets             bigint           NOT NULL,
    positive           bigint           NOT NULL,
    negative           bigint           NOT NULL,
    neutral            bigint           NOT NULL,
    mean_polarity      double precision NOT NULL,
    untracked_hashtags bigint           NOT NULL,
    kafka_partition    integer          NOT NULL,
    kafka_offset       bigint           NOT NULL
);

-- The window's top hashtags, from the same record as its sentiment_trends row.
CREATE TABLE sentiment_trend_hashtags (
    window_start    timestamptz      NOT NULL,
    hashtag         text             NOT NULL,
    rank            integer          NOT NULL,
    tweets          bigint           NOT NULL,
    positive        bigint           NOT NULL,
    negative        bigint           NOT NULL,
    neutral         bigint           NOT NULL,
    mean_polarity   double precision NOT NULL,
    kafka_partition integer          NOT NULL,
    kafka_offset    bigint           NOT NULL,
    PRIMARY KEY (window_start, hashtag)
);

-- sensor-averages: one row per sensor and window.
CREATE TABLE sensor_windows (
    sensor_id                text             NOT NULL,
    window_start             timestamptz      NOT NULL,
    window_end               timestamptz      NOT NULL,
    readings                 bigint           NOT NULL,
    mean_temperature         double precision NOT NULL,
    min_temperature          double precision NOT NULL,
    max_temperature          double precision NOT NULL,
    fraction_above_threshold double precision NOT NULL,
    kafka_partition          integer          NOT NULL,
    kafka_offset             bigint           NOT NULL,
    PRIMARY KEY (sensor_id, window_start)
);
CREATE INDEX sensor_windows_window_start ON sensor_windows (window_start);

-- sensor-alerts: one row per alerting window.
CREATE TABLE sensor_alerts (
    sensor_id                text             NOT NULL,
    window_start             timestamptz      NOT NULL,
    window_end               timestamptz      NOT NULL,
    fraction_above_threshold double precision NOT NULL,
    alert_level              double precision NOT NULL,
    threshold_celsius        double precision NOT NULL,
    mean_temperature         double precision NOT NULL,
    max_temperature          double precision NOT NULL,
    kafka_partition          integer          NOT NULL,
    kafka_offset             bigint           NOT NULL,
    PRIMARY KEY (sensor_id, window_start)
);
CREATE INDEX sensor_alerts_window_start ON sensor_alerts (window_start);

-- dead-letters: one row per rejected input record (its topic, partition and offset). The payload is
-- kept as the original bytes, so a letter is stored whatever its record held (a NUL, invalid UTF-8).
CREATE TABLE dead_letters (
    source_topic      text        NOT NULL,
    source_partition  integer     NOT NULL,
    source_offset     bigint      NOT NULL,
    reason            text        NOT NULL,
    detail            text,
    component         text,
    payload           bytea,
    payload_bytes     integer,
    payload_truncated boolean,
    failed_at         timestamptz,
    kafka_partition   integer     NOT NULL,
    kafka_offset      bigint      NOT NULL,
    PRIMARY KEY (source_topic, source_partition, source_offset)
);
CREATE INDEX dead_letters_failed_at ON dead_letters (failed_at);
