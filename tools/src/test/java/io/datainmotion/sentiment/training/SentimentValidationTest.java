package io.datainmotion.sentiment.training;

import io.datainmotion.sentiment.Sentiment;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SentimentValidationTest {

    @Test
    void everyTweetIsHeldOutOnceAndItsPositionNamesIt() {
        List<SentimentEvaluation.LabelledText> data = IntStream.range(0, 11)
                .mapToObj(i -> new SentimentEvaluation.LabelledText("tweet " + i, Sentiment.NEUTRAL)).toList();
        List<Integer> heldOut = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            SentimentValidation.Split split = SentimentValidation.Split.of(data, 3, k);
            assertEquals(split.test().size(), split.testPositions().length, "fold " + k);
            assertEquals(data.size(), split.train().size() + split.test().size(), "fold " + k);
            for (int j = 0; j < split.test().size(); j++) {
                int position = split.testPositions()[j];
                assertEquals(data.get(position), split.test().get(j), "fold " + k + ", held-out tweet " + j);
                assertEquals(k, position % 3, "fold " + k + " holds out tweet i when i mod 3 == " + k);
                heldOut.add(position);
            }
        }
        assertEquals(IntStream.range(0, 11).boxed().toList(), heldOut.stream().sorted().toList());
    }
}
