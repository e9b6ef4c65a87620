package io.datainmotion.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumePositionTest {

    @Test
    void aPositionIsSafeOnlyOnceNothingBeforeItIsInFlight() {
        ResumePosition position = new ResumePosition(100);
        assertEquals(100, position.safe(), "nothing seen: the start");
        position.sending(110);
        position.passed(120);
        position.sending(130);
        assertEquals(109, position.safe(), "110 is not acknowledged yet");
        position.acknowledged(130);
        assertEquals(109, position.safe(), "acknowledged out of order: still held by 110");
        position.acknowledged(110);
        assertEquals(130, position.safe());
    }

    @Test
    void postsSharingATimestampAreCountedOneByOne() {
        ResumePosition position = new ResumePosition(0);
        position.sending(50);
        position.sending(50);
        position.acknowledged(50);
        assertEquals(49, position.safe());
        position.acknowledged(50);
        assertEquals(50, position.safe());
    }

    @Test
    void aFailedSendHoldsThePositionForEver() {
        ResumePosition position = new ResumePosition(0);
        position.sending(10);
        position.sending(20);
        position.acknowledged(20);
        position.passed(30);
        assertEquals(9, position.safe(), "10 never acknowledged: a restart replays it");
    }

    @Test
    void theCursorFileKeepsThePositionAcrossInstances(@TempDir Path dir) throws Exception {
        CursorFile file = new CursorFile(dir.resolve("state/cursor"));
        assertEquals(OptionalLong.empty(), file.read());
        file.write(1764000000123456L);
        file.write(1764000000123999L);
        assertEquals(OptionalLong.of(1764000000123999L), new CursorFile(dir.resolve("state/cursor")).read());
        try (var files = Files.list(dir.resolve("state"))) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
        Files.writeString(dir.resolve("state/cursor"), "garbage");
        assertThrows(IllegalStateException.class, file::read);
    }
}
