package io.datainmotion.sentiment.linear;

import io.datainmotion.sentiment.tokens.TweetTokens;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Word clusters: words whose all-MiniLM-L6-v2 embeddings lie close together share a cluster id, so a word seen in
 * few training tweets (or none: the map also holds the embedding model's whole-word vocabulary) borrows what the
 * linear model learnt for its neighbours, as Brown clusters did in the NRC-Canada SemEval-2013 system. The map is
 * built once, outside the worker's build, by {@code word-clusters/} (the embedding model runs on ONNX, 134 MB of
 * jars), and ships as
 * {@value #RESOURCE}: {@code word TAB cluster} lines, lowercase words of at least three letters a-z.
 *
 * <p>A lookup is keyed by the FNV-1a hash the tokenizer already computed ({@link TweetTokens#hash}): one probe of an
 * open-addressing table of longs, no character comparison. Two words with the same 64-bit hash would share a slot;
 * the constructor refuses such a map. Immutable and thread-safe.
 */
public final class WordClusters {

    static final String RESOURCE = "/io/datainmotion/sentiment/word-clusters.tsv";
    private static final long FIBONACCI_MULTIPLIER = 0x9e3779b97f4a7c15L;
    /** 0 is the empty slot's key; a word hashing to it (a 2^-64 chance) is refused. */
    private static final long EMPTY = 0L;

    private final long[] keys;
    private final short[] clusters;
    private final int shift;
    private final int size;
    private final String sha256;

    /**
     * @param tsv {@code word TAB cluster} lines, cluster ids in [0, 32767]
     * @throws IllegalArgumentException on a malformed line, a repeated word or two words of one hash
     */
    WordClusters(byte[] tsv) {
        String[] lines = new String(tsv, StandardCharsets.UTF_8).split("\n");
        int bits = Math.max(1, 32 - Integer.numberOfLeadingZeros(lines.length * 2 - 1));
        keys = new long[1 << bits];
        clusters = new short[1 << bits];
        shift = 64 - bits;
        int count = 0;
        for (String line : lines) {
            if (line.isEmpty()) {
                continue;
            }
            int tab = line.indexOf('\t');
            int cluster = tab > 0 ? parseCluster(line.substring(tab + 1)) : -1;
            if (cluster < 0) {
                throw new IllegalArgumentException("word clusters: expected 'word TAB cluster (0-32767)', got: " + line);
            }
            long key = TweetTokens.hashOf(line.substring(0, tab));
            if (key == EMPTY) {
                throw new IllegalArgumentException("word clusters: the word hashes to 0: " + line.substring(0, tab));
            }
            int slot = slot(key);
            while (keys[slot] != EMPTY) {
                if (keys[slot] == key) {
                    throw new IllegalArgumentException("word clusters: repeated word or hash: " + line.substring(0, tab));
                }
                slot = (slot + 1) & (keys.length - 1);
            }
            keys[slot] = key;
            clusters[slot] = (short) cluster;
            count++;
        }
        size = count;
        sha256 = sha256(tsv);
    }

    /** The shipped map. */
    public static WordClusters standard() {
        return Standard.CLUSTERS;
    }

    /** The cluster of the word whose {@link TweetTokens#hash} this is, or -1 for a word the map lacks. */
    int clusterOf(long wordHash) {
        int slot = slot(wordHash);
        long key;
        while ((key = keys[slot]) != EMPTY) {
            if (key == wordHash) {
                return clusters[slot];
            }
            slot = (slot + 1) & (keys.length - 1);
        }
        return -1;
    }

    public int size() {
        return size;
    }

    /** The map file's sha256, which a model records so that it is never scored with another map. */
    public String sha256() {
        return sha256;
    }

    private int slot(long key) {
        return (int) ((key * FIBONACCI_MULTIPLIER) >>> shift);
    }

    private static int parseCluster(String text) {
        try {
            int cluster = Integer.parseInt(text.strip());
            return cluster <= Short.MAX_VALUE ? cluster : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static final class Standard {
        static final WordClusters CLUSTERS = load();

        private static WordClusters load() {
            try (InputStream in = WordClusters.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + RESOURCE);
                }
                return new WordClusters(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
