package io.datainmotion.sentiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;

import io.datainmotion.records.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TweetParserTest {

    private final TweetParser parser = new TweetParser(1000);

    private Tweet parse(String value) {
        Outcome<Tweet> parsed = parser.parse(value.getBytes(StandardCharsets.UTF_8), () -> "tweets-0-7");
        return ((Outcome.Accepted<Tweet>) assertInstanceOf(Outcome.Accepted.class, parsed, parsed::toString)).value();
    }

    private String rejection(byte[] value) {
        Outcome<Tweet> parsed = parser.parse(value, () -> "x");
        return ((Outcome.Rejected<Tweet>) assertInstanceOf(Outcome.Rejected.class, parsed, parsed::toString)).rejection().reason();
    }

    private String rejection(String value) {
        return rejection(value.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void plainTextIsTheTweetWithADerivedId() {
        assertEquals(new Tweet("tweets-0-7", "Loving the sunshine ☀️ #summer", Tweet.NO_TIME),
                parse("  Loving the sunshine ☀️ #summer\n"));
    }

    @Test
    void jsonObjectGivesIdTextAndTime() {
        Tweet tweet = parse("{\"id\": \"a1\", \"text\": \"hello\", \"created_at\": 1764000000000}");
        assertEquals(new Tweet("a1", "hello", 1_764_000_000_000L), tweet);
    }

    @Test
    void integerIdsAndIsoOrTwitterTimesAreAccepted() {
        assertEquals("123", parse("{\"id\": 123, \"text\": \"x\"}").id());
        assertEquals(1_764_000_000_000L, parse("{\"text\": \"x\", \"created_at\": \"2025-11-24T16:00:00Z\"}").createdAt());
        assertEquals(1_539_202_764_000L,
                parse("{\"text\": \"x\", \"created_at\": \"Wed Oct 10 20:19:24 +0000 2018\"}").createdAt());
    }

    @Test
    void missingIdFallsBackAndUnknownFieldsAreIgnored() {
        Tweet tweet = parse("{\"text\": \"hi\", \"lang\": \"en\", \"user\": {\"name\": \"a\"}}");
        assertEquals("tweets-0-7", tweet.id());
        assertEquals(Tweet.NO_TIME, tweet.createdAt());
    }

    @Test
    void aFallbackTimeIsTheCreationTimeOfATweetWithoutOne() {
        byte[] untimed = "{\"text\": \"hi\", \"created_at\": null}".getBytes(StandardCharsets.UTF_8);
        assertEquals(42L, ((Outcome.Accepted<Tweet>) parser.parse(untimed, () -> "x", 42L)).value().createdAt());
        byte[] plain = "plain".getBytes(StandardCharsets.UTF_8);
        assertEquals(42L, ((Outcome.Accepted<Tweet>) parser.parse(plain, () -> "x", 42L)).value().createdAt());
        byte[] timed = "{\"text\": \"hi\", \"created_at\": 7}".getBytes(StandardCharsets.UTF_8);
        assertEquals(7L, ((Outcome.Accepted<Tweet>) parser.parse(timed, () -> "x", 42L)).value().createdAt());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"text\": \"unterminated | invalid-json",
        "{\"text\": \"a\"} trailing | invalid-json",
        "{\"text\": \"a\"}{\"text\": \"b\"} | invalid-json",
        "[\"a list\"] | invalid-json",
        "{\"id\": \"x\"} | invalid-field",
        "{\"text\": null} | invalid-field",
        "{\"text\": 42} | invalid-field",
        "{\"text\": [\"a\"]} | invalid-field",
        "{\"text\": \"  \"} | empty-text",
        "{\"text\": \"a\", \"id\": true} | invalid-field",
        "{\"text\": \"a\", \"id\": \"\"} | invalid-field",
        "{\"text\": \"a\", \"created_at\": \"yesterday\"} | invalid-field",
        "{\"text\": \"a\", \"created_at\": 1.5} | invalid-field",
    })
    void malformedJsonIsRejectedWithItsReason(String value, String reason) {
        assertEquals(reason, rejection(value));
    }

    @Test
    void emptyNullOversizedAndNonUtf8ValuesAreRejected() {
        assertEquals("empty-text", rejection(" \n\t "));
        assertEquals("null-value", rejection((byte[]) null));
        assertEquals("too-large", rejection("x".repeat(1001)));
        assertEquals("invalid-utf8", rejection(new byte[] {'a', (byte) 0xC3, (byte) 0x28}));
    }

    @Test
    void limitCountsBytesNotCharacters() {
        assertEquals(250, parse("é".repeat(250)).text().length());
        assertEquals("too-large", rejection("é".repeat(501)));
    }
}
