package io.datainmotion.sentiment;

import java.util.Set;

/**
 * Words that open a negation scope, looked up by their {@link TweetTokens#hashOf token hash} without
 * building a string. Any word ending in {@code n't} negates too, so only apostrophe-less spellings
 * ({@code dont}, {@code cant}) and negators without {@code n't} need listing.
 */
public final class NegatorSet {

    /** Standard English negators plus the apostrophe-less contractions tweets are full of. */
    public static final NegatorSet ENGLISH = new NegatorSet(Set.of(
            "not", "no", "never", "nothing", "nobody", "none", "nowhere", "neither", "nor", "without", "cannot",
            "aint", "arent", "cant", "couldnt", "didnt", "doesnt", "dont", "hadnt", "hasnt", "havent", "isnt",
            "mightnt", "mustnt", "neednt", "shant", "shouldnt", "wasnt", "werent", "wont", "wouldnt"));

    private final long[] table;
    private final int mask;

    public NegatorSet(Set<String> words) {
        int capacity = Integer.highestOneBit(Math.max(4, words.size() * 4) - 1) << 1;
        table = new long[capacity];
        mask = capacity - 1;
        for (String word : words) {
            long hash = TweetTokens.hashOf(word);
            if (hash == 0) {
                throw new IllegalArgumentException("unhashable negator " + word);
            }
            int slot = slot(hash);
            while (table[slot] != 0 && table[slot] != hash) {
                slot = (slot + 1) & mask;
            }
            table[slot] = hash;
        }
    }

    /** Whether the normalised word in {@code chars[start, end)} with this hash is a negator. */
    boolean contains(long hash, char[] chars, int start, int end) {
        if (end - start >= 3 && chars[end - 1] == 't' && chars[end - 2] == '\'' && chars[end - 3] == 'n') {
            return true;
        }
        for (int slot = slot(hash); table[slot] != 0; slot = (slot + 1) & mask) {
            if (table[slot] == hash) {
                return true;
            }
        }
        return false;
    }

    private int slot(long hash) {
        return (int) (hash ^ (hash >>> 29)) & mask;
    }
}
