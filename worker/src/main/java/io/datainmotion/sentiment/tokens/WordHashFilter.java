package io.datainmotion.sentiment.tokens;

import java.util.Collection;

/**
 * One bit per word of a fixed set, chosen by the word's {@link WordIndex} hash ({@link String#hashCode}): a word
 * whose bit is clear is certainly not in the set, so most words of a tweet skip the {@link WordIndex} probe,
 * whose table is too large to stay in the fastest caches. A set bit only means "look it up". Immutable.
 */
public final class WordHashFilter {

    private final long[] bits;
    private final int shift;

    /** @param bitsLog2 the filter holds 2^bitsLog2 bits; a few times the word count keeps false hits rare */
    public WordHashFilter(Collection<String> words, int bitsLog2) {
        bits = new long[Math.max(1, (1 << bitsLog2) / Long.SIZE)];
        shift = Integer.SIZE - bitsLog2;
        for (String word : words) {
            int bit = bitOf(word.hashCode());
            bits[bit >>> 6] |= 1L << bit;
        }
    }

    public boolean mightContain(int indexHash) {
        int bit = bitOf(indexHash);
        return (bits[bit >>> 6] & 1L << bit) != 0;
    }

    /** The top bits of a multiplicative hash, which depend on every bit of {@code indexHash}. */
    private int bitOf(int indexHash) {
        return (indexHash * 0x9e3779b9) >>> shift;
    }
}
