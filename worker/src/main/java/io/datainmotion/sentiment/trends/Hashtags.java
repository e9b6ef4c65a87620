package io.datainmotion.sentiment.trends;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Hashtags in a tweet: '#' at the start or after a non-word character, then letters, digits or '_'
 * with at least one letter. URLs are skipped, so a link's fragment is not a hashtag.
 */
public final class Hashtags {

    private Hashtags() {}

    /** The distinct hashtags of {@code text}, lower-cased, without '#', in order of first appearance. */
    public static List<String> extract(String text) {
        List<String> tags = new ArrayList<>(2);
        int n = text.length();
        for (int i = 0; i < n; i++) {
            if (startsUrl(text, i)) {
                while (i < n && !Character.isWhitespace(text.charAt(i))) {
                    i++;
                }
                continue;
            }
            if (text.charAt(i) != '#' || (i > 0 && isWordChar(text.codePointBefore(i)))) {
                continue;
            }
            int end = i + 1;
            boolean hasLetter = false;
            while (end < n) {
                int cp = text.codePointAt(end);
                if (!isWordChar(cp)) {
                    break;
                }
                hasLetter |= Character.isLetter(cp);
                end += Character.charCount(cp);
            }
            if (hasLetter) {
                String tag = text.substring(i + 1, end).toLowerCase(Locale.ROOT);
                if (!tags.contains(tag)) {
                    tags.add(tag);
                }
            }
            i = end - 1;
        }
        return tags;
    }

    private static boolean startsUrl(String text, int i) {
        return (i == 0 || Character.isWhitespace(text.charAt(i - 1)))
                && (text.startsWith("http://", i) || text.startsWith("https://", i) || text.startsWith("www.", i));
    }

    private static boolean isWordChar(int cp) {
        return Character.isLetterOrDigit(cp) || cp == '_';
    }
}
