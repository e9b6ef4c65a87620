package io.datainmotion.ingest;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which live posts go to {@code tweets}: those in a language the scorers handle and, when keywords
 * are configured, containing one of them. Both sentiment scorers are built for English, so the
 * default is {@code en}. A post without a language tag, or tagged {@code und} (X's "undetermined"),
 * counts as language {@code und}: skipped unless {@code und} is listed. Tags compare by their
 * primary subtag, case-insensitively ({@code en-US} is {@code en}).
 */
public final class PostFilter {

    public static final String UNDETERMINED = "und";

    private final Set<String> languages;
    private final List<String> keywords;

    /**
     * @param languages comma-separated language tags; empty accepts every language
     * @param keywords comma-separated keywords, matched case-insensitively anywhere in the text; empty accepts all
     */
    public PostFilter(String languages, String keywords) {
        this.languages = split(languages).stream().map(PostFilter::primary).collect(Collectors.toUnmodifiableSet());
        this.keywords = split(keywords).stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
    }

    /** The language the post is written under: the first of its tags that is accepted, else its first tag (or {@code und}). */
    public String language(LivePost post) {
        List<String> tags = post.langs().isEmpty() ? List.of(UNDETERMINED) : post.langs();
        for (String tag : tags) {
            if (languages.isEmpty() || languages.contains(primary(tag))) {
                return primary(tag);
            }
        }
        return primary(tags.get(0));
    }

    public boolean acceptsLanguage(String language) {
        return languages.isEmpty() || languages.contains(language);
    }

    public boolean matchesKeywords(String text) {
        if (keywords.isEmpty()) {
            return true;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        return keywords.stream().anyMatch(lower::contains);
    }

    static String primary(String tag) {
        if (tag == null || tag.isBlank()) {
            return UNDETERMINED;
        }
        String primary = tag.strip().split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
        return primary.isEmpty() ? UNDETERMINED : primary;
    }

    private static List<String> split(String list) {
        return list == null ? List.of() : Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
