package io.datainmotion.sentiment.trends;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class HashtagsTest {

    @Test
    void findsDistinctLowerCasedTagsInOrder() {
        assertEquals(List.of("running", "sun_day", "été"), Hashtags.extract("#Running in the #sun_day! #RUNNING #été"));
    }

    @Test
    void ignoresAnchorsNumbersAndMidWordHashes() {
        assertEquals(List.of(), Hashtags.extract("issue#12, C# code, # alone, #123, https://x.org/#top www.y.org/#a"));
        assertEquals(List.of("after"), Hashtags.extract("http://x.org/#no #after"));
    }

    @Test
    void endsAtPunctuationAndEmoji() {
        assertEquals(List.of("blessed", "go2026"), Hashtags.extract("so #blessed😍 and #go2026."));
    }
}
