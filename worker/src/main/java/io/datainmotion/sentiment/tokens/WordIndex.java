package io.datainmotion.sentiment.tokens;

import java.util.List;

/**
 * A fixed set of words with dense ids (0..size-1, in the order given), looked up straight from a
 * char buffer so that a tokenizer scanning a tweet need not allocate a String per token.
 * Open addressing over a power-of-two table kept at most half full.
 */
public final class WordIndex {

    private final char[] pool;
    private final int[] starts;
    /** Longer words are not indexed: the slot packs a word's length into 8 bits. */
    public static final int MAX_WORD_LENGTH = 255;
    private static final int SLOT_INTS = 3;

    /**
     * Per slot: its word's hash, id + 1 (0: empty), and pool offset << 8 | length, side by side so that a
     * probe touches one cache line before the word's characters.
     */
    private final int[] slots;
    private final int mask;

    /** @throws IllegalArgumentException if a word occurs twice or is longer than {@value #MAX_WORD_LENGTH} chars */
    public WordIndex(List<String> words) {
        int totalChars = 0;
        for (String word : words) {
            totalChars += word.length();
        }
        pool = new char[totalChars];
        starts = new int[words.size() + 1];
        int slotCount = Integer.highestOneBit(Math.max(2, words.size()) * 4 - 1);
        slots = new int[SLOT_INTS * slotCount];
        mask = slotCount - 1;
        int offset = 0;
        for (int id = 0; id < words.size(); id++) {
            String word = words.get(id);
            if (word.length() > MAX_WORD_LENGTH) {
                throw new IllegalArgumentException("word longer than " + MAX_WORD_LENGTH + " chars: " + word);
            }
            word.getChars(0, word.length(), pool, offset);
            starts[id] = offset;
            offset += word.length();
            starts[id + 1] = offset;
            if (indexOf(pool, starts[id], word.length()) >= 0) {
                throw new IllegalArgumentException("duplicate word: " + word);
            }
            int hash = spread(polynomialHash(pool, starts[id], word.length()));
            int slot = hash & mask;
            while (slots[SLOT_INTS * slot + 1] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[SLOT_INTS * slot] = hash;
            slots[SLOT_INTS * slot + 1] = id + 1;
            slots[SLOT_INTS * slot + 2] = starts[id] << 8 | word.length();
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
            int base = SLOT_INTS * slot;
            int entry = slots[base + 1];
            if (entry == 0) {
                return -1;
            }
            if (slots[base] == hash && sameChars(slots[base + 2], chars, offset, length)) {
                return entry - 1;
            }
        }
    }

    /** The id of {@code word}, or -1. */
    public int indexOf(CharSequence word) {
        char[] chars = word.toString().toCharArray();
        return indexOf(chars, 0, chars.length);
    }

    private boolean sameChars(int startAndLength, char[] chars, int offset, int length) {
        if ((startAndLength & 0xFF) != length) {
            return false;
        }
        int start = startAndLength >>> 8;
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
