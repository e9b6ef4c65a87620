package io.datainmotion.sentiment;

import java.util.Map;

/**
 * Sentiment valences of normalised tokens, keyed by {@link TweetTokens#hashOf their 64-bit hash} in an
 * open-addressing table, so a token is looked up straight from the tokenizer's buffer without a string.
 * Two different tokens sharing a 64-bit hash is possible in principle and ignored in practice.
 * Immutable and thread-safe.
 */
public final class TokenValences {

    private final long[] keys;
    private final float[] valences;
    private final int mask;
    private final int size;

    public TokenValences(Map<String, ? extends Number> valenceByToken) {
        int capacity = Integer.highestOneBit(Math.max(4, valenceByToken.size() * 3) - 1) << 1;
        keys = new long[capacity];
        valences = new float[capacity];
        mask = capacity - 1;
        valenceByToken.forEach((token, valence) -> put(TweetTokens.hashOf(token), valence.floatValue()));
        size = valenceByToken.size();
    }

    private void put(long hash, float valence) {
        if (hash == 0) {
            throw new IllegalArgumentException("a token hashes to the empty-slot marker");
        }
        int slot = slot(hash);
        while (keys[slot] != 0 && keys[slot] != hash) {
            slot = (slot + 1) & mask;
        }
        keys[slot] = hash;
        valences[slot] = valence;
    }

    /** The valence of the token with this hash, or 0 when it carries none. */
    public float valence(long hash) {
        for (int slot = slot(hash); keys[slot] != 0; slot = (slot + 1) & mask) {
            if (keys[slot] == hash) {
                return valences[slot];
            }
        }
        return 0f;
    }

    public int size() {
        return size;
    }

    private int slot(long hash) {
        return (int) (hash ^ (hash >>> 31)) & mask;
    }
}
