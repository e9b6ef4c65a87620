package io.datainmotion.sentiment.tokens;

import java.util.List;

/**
 * Words that open a negation scope, looked up straight from the tokenizer's buffer. Any word ending in
 * {@code n't} negates too, so only apostrophe-less spellings ({@code dont}, {@code cant}) and negators
 * without {@code n't} need listing. Immutable and thread-safe.
 */
public final class NegatorSet {

    /**
     * Standard English negators, the near-negators {@code hardly}, {@code barely}, {@code scarcely} ("hardly any
     * problems"), plus the apostrophe-less contractions tweets are full of.
     */
    public static final NegatorSet ENGLISH = new NegatorSet(List.of(
            "not", "no", "never", "nothing", "nobody", "none", "nowhere", "neither", "nor", "without", "cannot",
            "hardly", "barely", "scarcely",
            "aint", "arent", "cant", "couldnt", "didnt", "doesnt", "dont", "hadnt", "hasnt", "havent", "isnt",
            "mightnt", "mustnt", "neednt", "shant", "shouldnt", "wasnt", "werent", "wont", "wouldnt"));

    /** 256 bits for a few dozen negators: nearly every other word finds its bit clear. */
    private static final int FILTER_BITS_LOG2 = 8;

    private final List<String> listed;
    private final WordIndex words;
    private final WordHashFilter filter;

    /** @param words lower-case negators */
    public NegatorSet(List<String> words) {
        this.listed = List.copyOf(words);
        this.words = new WordIndex(words);
        this.filter = new WordHashFilter(words, FILTER_BITS_LOG2);
    }

    /** The listed negators (any word ending in {@code n't} negates too). */
    public List<String> listed() {
        return listed;
    }

    /**
     * Whether the lower-case word in {@code chars[start, end)} negates what follows it.
     *
     * @param indexHash the word's {@link WordIndex} hash, {@link TweetTokens#indexHash}
     */
    public boolean contains(char[] chars, int start, int end, int indexHash) {
        return endsInNt(chars, start, end) || isListed(chars, start, end, indexHash);
    }

    /** Whether the word is one of the {@link #listed} negators. */
    public boolean isListed(char[] chars, int start, int end, int indexHash) {
        return filter.mightContain(indexHash) && words.indexOf(chars, start, end - start, indexHash) >= 0;
    }

    /**
     * Whether the word ends in {@code n't}. Its last three chars are compared at once rather than one branch
     * each: the test runs for nearly every word of a tweet, and the first char already fails unpredictably.
     */
    public static boolean endsInNt(char[] chars, int start, int end) {
        return end - start >= 3 && ((chars[end - 1] ^ 't') | (chars[end - 2] ^ '\'') | (chars[end - 3] ^ 'n')) == 0;
    }
}
