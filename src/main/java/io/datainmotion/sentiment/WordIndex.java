package io.datainmotion.sentiment;

import java.util.List;

/**
 * A fixed set of words with dense ids (0..size-1, in the order given), looked up straight from a
 * char buffer so that a tokenizer scanning a tweet need not allocate a String per token.
 * Open addressing over a power-of-two table kept at most half full.
 */
public final class WordIndex {

    private final char[] pool;
    private final int[] starts;
    /**
     * Per slot, its word's hash then id + 1 (0: empty), side by side so that a probe reads one cache
     * line before it touches the word's characters.
     */
    private final int[] slots;
    private final int mask;

    /** @throws IllegalArgumentException if a word occurs twice */
    public WordIndex(List<String> words) {
        int totalChars = 0;
        for (String word : words) {
            totalChars += word.length();
        }
        pool = new char[totalChars];
        starts = new int[words.size() + 1];
        int slotCount = Integer.highestOneBit(Math.max(2, words.size()) * 4 - 1);
        slots = new int[2 * slotCount];
        mask = slotCount - 1;
        int offset = 0;
        for (int id = 0; id < words.size(); id++) {
            String word = words.get(id);
            word.getChars(0, word.length(), pool, offset);
            starts[id] = offset;
            offset += word.length();
            starts[id + 1] = offset;
            if (indexOf(pool, starts[id], word.length()) >= 0) {
                throw new IllegalArgumentException("duplicate word: " + word);
            }
            int hash = spread(polynomialHash(pool, starts[id], word.length()));
            int slot = hash & mask;
            while (slots[2 * slot + 1] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[2 * slot] = hash;
            slots[2 * slot + 1] = id + 1;
        }
    }

    public int size() {
        return starts.length - 1;
    }

    public String word(int id) {
        return new String(pool, starts[id], starts[id + 1] - starts[id]);
    }

    /** The id of the word spelled by {@code chars[offset, offset + length)}, or -1; exact, case-sensitive match. */
    public int indexOf(char[] chars, int offset, int length) {
        return indexOf(chars, offset, length, polynomialHash(chars, offset, length));
    }

    /**
     * {@link #indexOf(char[], int, int)} for a caller that already folded the characters into
     * {@code polynomialHash} ({@code h = 31 * h + c} from 0, like {@link String#hashCode}) while
     * reading them.
     */
    public int indexOf(char[] chars, int offset, int length, int polynomialHash) {
        int hash = spread(polynomialHash);
        for (int slot = hash & mask; ; slot = (slot + 1) & mask) {
            int entry = slots[2 * slot + 1];
            if (entry == 0) {
                return -1;
            }
            if (slots[2 * slot] == hash && sameChars(entry - 1, chars, offset, length)) {
                return entry - 1;
            }
        }
    }

    /** The id of {@code word}, or -1. */
    public int indexOf(CharSequence word) {
        char[] chars = word.toString().toCharArray();
        return indexOf(chars, 0, chars.length);
    }

    private boolean sameChars(int id, char[] chars, int offset, int length) {
        int start = starts[id];
        if (starts[id + 1] - start != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (pool[start + i] != chars[offset + i]) {
                return false;
            }
        }
        return true;
    }

    private static int polynomialHash(char[] chars, int offset, int length) {
        int h = 0;
        for (int i = offset, end = offset + length; i < end; i++) {
            h = 31 * h + chars[i];
        }
        return h;
    }

    private static int spread(int h) {
        // Spread the high bits into the low ones the mask keeps: short words differ mostly in the low bits.
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
