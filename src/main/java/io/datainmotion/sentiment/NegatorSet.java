package io.datainmotion.sentiment;

import java.util.List;

/**
 * Words that open a negation scope, looked up straight from the tokenizer's buffer. Any word ending in
 * {@code n't} negates too, so only apostrophe-less spellings ({@code dont}, {@code cant}) and negators
 * without {@code n't} need listing. Immutable and thread-safe.
 */
public final class NegatorSet {

    /** Standard English negators plus the apostrophe-less contractions tweets are full of. */
    public static final NegatorSet ENGLISH = new NegatorSet(List.of(
            "not", "no", "never", "nothing", "nobody", "none", "nowhere", "neither", "nor", "without", "cannot",
            "aint", "arent", "cant", "couldnt", "didnt", "doesnt", "dont", "hadnt", "hasnt", "havent", "isnt",
            "mightnt", "mustnt", "neednt", "shant", "shouldnt", "wasnt", "werent", "wont", "wouldnt"));

    private final WordIndex words;
    /**
     * One bit of 256 per negator, chosen by its {@link WordIndex} hash: nearly every word of a tweet finds its bit
     * clear and skips the table probe, which is what most of this lookup's cost was.
     */
    private final long[] hashFilter = new long[4];

    /** @param words lower-case negators */
    public NegatorSet(List<String> words) {
        this.words = new WordIndex(words);
        for (String word : words) {
            int bit = filterBit(word.hashCode());
            hashFilter[bit >>> 6] |= 1L << bit;
        }
    }

    /**
     * Whether the lower-case word in {@code chars[start, end)} negates what follows it.
     *
     * @param indexHash the word's {@link WordIndex} hash, {@link TweetTokens#indexHash}
     */
    public boolean contains(char[] chars, int start, int end, int indexHash) {
        if (end - start >= 3 && chars[end - 1] == 't' && chars[end - 2] == '\'' && chars[end - 3] == 'n') {
            return true;
        }
        int bit = filterBit(indexHash);
        return (hashFilter[bit >>> 6] & 1L << bit) != 0 && words.indexOf(chars, start, end - start, indexHash) >= 0;
    }

    /** The top 8 bits of a multiplicative hash, which depend on all of {@code indexHash}. */
    private static int filterBit(int indexHash) {
        return (indexHash * 0x9e3779b9) >>> 24;
    }
}
