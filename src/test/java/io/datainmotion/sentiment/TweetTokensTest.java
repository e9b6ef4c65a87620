package io.datainmotion.sentiment;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TweetTokensTest {

    private final TweetTokens tokens = new TweetTokens(NegatorSet.ENGLISH);

    private List<String> texts(String tweet) {
        tokens.tokenize(tweet);
        List<String> texts = new ArrayList<>();
        for (int t = 0; t < tokens.size(); t++) {
            texts.add(tokens.text(t));
        }
        return texts;
    }

    private int indexOf(String text) {
        for (int t = 0; t < tokens.size(); t++) {
            if (tokens.text(t).equals(text)) {
                return t;
            }
        }
        throw new AssertionError(text + " is not a token");
    }

    @Test
    void mentionsAndLinksBecomePlaceholdersAndWordsAreLowerCased() {
        assertEquals(List.of("<user>", "check", "this", "<url>", "now"),
                texts("@someone Check THIS https://example.com/x?y=1 now"));
        assertEquals(TweetTokens.Kind.USER, tokens.kind(0));
        assertEquals(TweetTokens.Kind.URL, tokens.kind(3));
        assertTrue(tokens.allCaps(2));
        assertFalse(tokens.allCaps(1));
    }

    @Test
    void singleCapitalLettersAreNotShouting() {
        texts("I think A is fine");
        assertFalse(tokens.allCaps(0));
        assertFalse(tokens.allCaps(2));
    }

    @Test
    void elongationsAreCutToTwoLettersAndFlagged() {
        assertEquals(List.of("soo", "good", "!!"), texts("Sooooo gooooood!!!!!"));
        assertTrue(tokens.elongated(0));
        assertTrue(tokens.elongated(1));
        assertEquals(5, tokens.exclamationMarks());
        texts("good");
        assertFalse(tokens.elongated(0));
    }

    @Test
    void hashtagsKeepTheirWordAndEmoticonsStayWhole() {
        assertEquals(List.of("so", "proud", "winning", ":-)", "<3"), texts("so #proud #winning :-) <3"));
        assertTrue(tokens.hashtag(1));
        assertFalse(tokens.hashtag(0));
        assertEquals(TweetTokens.Kind.EMOTICON, tokens.kind(3));
        assertEquals(TweetTokens.Kind.EMOTICON, tokens.kind(4));
    }

    @Test
    void punctuationRunsAreTokensAndApostrophesStayInWords() {
        assertEquals(List.of("don't", "go", ",", "it's", "late", "..", "ok", "?"),
                texts("Don\u2019t go, it's late... ok?"));
        assertEquals(TweetTokens.Kind.PUNCTUATION, tokens.kind(2));
        assertEquals(1, tokens.questionMarks());
    }

    @Test
    void eachEmojiIsATokenAndModifiersAreSkipped() {
        String thumbsUpWithSkinTone = "\uD83D\uDC4D\uD83C\uDFFD";
        String redHeartWithVariationSelector = "\u2764\uFE0F";
        assertEquals(List.of("great", "\uD83D\uDC4D", "\u2764", "\uD83D\uDE0A"),
                texts("great" + thumbsUpWithSkinTone + redHeartWithVariationSelector + " \uD83D\uDE0A"));
        assertEquals(TweetTokens.Kind.EMOJI, tokens.kind(1));
        assertEquals(0x1F44D, tokens.codePoint(1));
        assertEquals(0x1F60A, tokens.codePoint(3));
    }

    @Test
    void negationScopeRunsFromTheNegatorToTheNextPunctuation() {
        texts("I do not like this movie, but the music is good");
        assertFalse(tokens.negated(indexOf("not")));
        assertTrue(tokens.negated(indexOf("like")));
        assertTrue(tokens.negated(indexOf("movie")));
        assertFalse(tokens.negated(indexOf("music")));
        assertFalse(tokens.negated(indexOf("good")));
    }

    @Test
    void contractionsAndApostropheLessNegatorsNegate() {
        texts("it isn't fun");
        assertTrue(tokens.negated(indexOf("fun")));
        texts("it isnt fun");
        assertTrue(tokens.negated(indexOf("fun")));
        texts("it is fun! not");
        assertFalse(tokens.negated(indexOf("fun")));
    }

    @Test
    void aReusedBufferForgetsThePreviousTweet() {
        texts("never ever happy with a very long tweet that has many many words in it");
        assertEquals(List.of("happy"), texts("happy"));
        assertFalse(tokens.negated(0));
        assertEquals(0, tokens.exclamationMarks());
    }

    @Test
    void tokenHashesAreTheHashesOfTheNormalisedText() {
        texts("Loooove #Coffee");
        assertEquals(TweetTokens.hashOf("loove"), tokens.hash(0));
        assertEquals(TweetTokens.hashOf("coffee"), tokens.hash(1));
    }

    @Test
    void emoticonsNeedEyesAndAMouth() {
        assertTrue(TweetTokens.isEmoticon(":(", 0, 2));
        assertTrue(TweetTokens.isEmoticon(";-p", 0, 3));
        assertTrue(TweetTokens.isEmoticon("(:", 0, 2));
        assertFalse(TweetTokens.isEmoticon("::", 0, 2));
        assertFalse(TweetTokens.isEmoticon("lol:", 0, 4));
    }
}
