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
    private final int[] hashes;
    /** id + 1 of the word in each slot; 0 marks an empty slot. */
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
        hashes = new int[words.size()];
        slots = new int[Integer.highestOneBit(Math.max(2, words.size()) * 4 - 1)];
        mask = slots.length - 1;
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
            hashes[id] = hash(pool, starts[id], word.length());
            int slot = hashes[id] & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = id + 1;
        }
    }

    public int size() {
        return hashes.length;
    }

    public String word(int id) {
        return new String(pool, starts[id], starts[id + 1] - starts[id]);
    }

    /** The id of the word spelled by {@code chars[offset, offset + length)}, or -1; exact, case-sensitive match. */
    public int indexOf(char[] chars, int offset, int length) {
        int hash = hash(chars, offset, length);
        for (int slot = hash & mask; slots[slot] != 0; slot = (slot + 1) & mask) {
            int id = slots[slot] - 1;
            if (hashes[id] == hash && sameChars(id, chars, offset, length)) {
                return id;
            }
        }
        return -1;
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

    private static int hash(char[] chars, int offset, int length) {
        int h = 0;
        for (int i = offset, end = offset + length; i < end; i++) {
            h = 31 * h + chars[i];
        }
        // Spread the high bits into the low ones the mask keeps: short words differ mostly in the low bits.
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
