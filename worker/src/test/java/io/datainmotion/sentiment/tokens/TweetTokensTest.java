package io.datainmotion.sentiment.tokens;

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
    void negationScopeRunsFromTheNegatorOverThreeWordsUntilPunctuationOrContrast() {
        texts("I do not like this movie, but the music is good");
        assertFalse(tokens.negated(indexOf("not")));
        assertTrue(tokens.negated(indexOf("like")));
        assertTrue(tokens.negated(indexOf("movie")));
        assertFalse(tokens.negated(indexOf("music")));
        assertFalse(tokens.negated(indexOf("good")));
        texts("never had a problem with it");
        assertTrue(tokens.negated(indexOf("problem")));
        assertFalse(tokens.negated(indexOf("with")), "three words at most");
        texts("not bad but awful");
        assertTrue(tokens.negated(indexOf("bad")));
        assertFalse(tokens.negated(indexOf("awful")), "a contrast word ends the scope");
        texts("hardly any issues");
        assertTrue(tokens.negated(indexOf("issues")));
    }

    @Test
    void aWhWordOrAVerbOfSurpriseOrEagernessEndsTheScopeAndDoubtRunsItToTheClauseEnd() {
        texts("I can't believe how rude the waiter was");
        assertFalse(tokens.negated(indexOf("rude")), "a wh-word opens a clause the negator does not govern");
        texts("I can't believe they were rude");
        assertTrue(tokens.negated(indexOf("believe")));
        assertFalse(tokens.negated(indexOf("rude")), "surprise, not denial");
        texts("can't wait for the amazing show");
        assertFalse(tokens.negated(indexOf("amazing")), "eagerness, not denial");
        texts("I'm not sure this plan is a good idea at all. good luck");
        assertTrue(tokens.negated(indexOf("good")), "doubt denies the clause that follows, to its end");
        assertFalse(tokens.negated(texts("I'm not sure this plan is a good idea at all. good luck").lastIndexOf("good")));
        texts("I don't think the new update will be good");
        assertTrue(tokens.negated(indexOf("good")));
        texts("I don't like the new update that will be good");
        assertFalse(tokens.negated(indexOf("good")), "other negated words keep the three-word window");
    }

    @Test
    void butDampsWhatComesBeforeItAndStressesWhatFollowsAndAlthoughDampsItsClause() {
        texts("the food was good but the service was slow");
        assertTrue(tokens.damped(indexOf("good")));
        assertTrue(tokens.stressed(indexOf("slow")));
        assertFalse(tokens.damped(indexOf("but")) || tokens.stressed(indexOf("but")));
        texts("although the food was good, the service was slow");
        assertTrue(tokens.damped(indexOf("good")));
        assertFalse(tokens.damped(indexOf("slow")) || tokens.stressed(indexOf("slow")));
        texts("the food was good");
        assertFalse(tokens.damped(indexOf("good")) || tokens.stressed(indexOf("good")));
    }

    @Test
    void aQuestionThatAsksForSomethingIsARequestUpToItsQuestionMark() {
        texts("Anyone know a good tutorial for learning Rust? I love it");
        assertTrue(tokens.requested(indexOf("anyone")));
        assertTrue(tokens.requested(indexOf("good")));
        assertFalse(tokens.requested(indexOf("?")));
        assertFalse(tokens.requested(indexOf("love")), "after the question the writer speaks again");
        texts("Can someone recommend a nice cafe near the station??");
        assertTrue(tokens.requested(indexOf("nice")));
        assertFalse(tokens.requested(indexOf("can")), "the request starts at its asker");
        texts("Does anybody have a decent charger I could borrow?");
        assertTrue(tokens.requested(indexOf("decent")));
        texts("Anyone else sick of this rain?");
        assertFalse(tokens.requested(indexOf("sick")), "a rhetorical question says what the writer feels");
        texts("Anyone know a good tutorial. Thanks");
        assertFalse(tokens.requested(indexOf("good")), "no question mark, no request");
        texts("Someone has a great voice");
        assertFalse(tokens.requested(indexOf("great")));
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
        assertEquals("loove".hashCode(), tokens.indexHash(0), "the lookup hash is String.hashCode of the same text");
        assertEquals("coffee".hashCode(), tokens.indexHash(1));
    }

    @Test
    void negatorsAreFoundByTheirNormalisedSpellingAndLookalikesAreNot() {
        for (String negator : List.of("not", "NEVER", "Without", "cannot", "wont", "nobody", "dont", "nor")) {
            texts(negator + " fun");
            assertTrue(tokens.negator(0), negator);
            assertTrue(tokens.negated(1), negator + " fun");
        }
        for (String word : List.of("note", "know", "now", "knot", "snot", "nothings", "want", "nos")) {
            texts(word + " fun");
            assertFalse(tokens.negator(0), word);
            assertFalse(tokens.negated(1), word + " fun");
        }
    }

    @Test
    void emoticonsNeedEyesAndAMouth() {
        assertTrue(TweetTokens.isEmoticon(":(".toCharArray(), 0, 2));
        assertTrue(TweetTokens.isEmoticon(";-p".toCharArray(), 0, 3));
        assertTrue(TweetTokens.isEmoticon("(:".toCharArray(), 0, 2));
        assertFalse(TweetTokens.isEmoticon("::".toCharArray(), 0, 2));
        assertFalse(TweetTokens.isEmoticon("lol:".toCharArray(), 0, 4));
    }
}
