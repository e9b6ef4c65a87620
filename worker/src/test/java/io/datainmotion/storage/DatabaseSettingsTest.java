package io.datainmotion.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class DatabaseSettingsTest {

    private static final String URL = "jdbc:postgresql://127.0.0.1:1/none";

    @Test
    void refusesWhatCannotWork() {
        assertThrows(IllegalArgumentException.class, () -> new DatabaseSettings("jdbc:mysql://x/y", "u", "", 2));
        IllegalArgumentException tooSmall = assertThrows(IllegalArgumentException.class,
                () -> new DatabaseSettings(URL, "u", "", 1));
        assertTrue(tooSmall.getMessage().contains("at least 2"), tooSmall.getMessage());
    }

    @Test
    void thePasswordComesFromTheNamedVariableAndIsNeverShown() {
        DatabaseSettings settings = new DatabaseSettings(URL, "dim", "DIM_TEST_DB_PASSWORD", 2);
        IllegalStateException unset = assertThrows(IllegalStateException.class, () -> settings.open("t", Map.of()));
        assertTrue(unset.getMessage().contains("DIM_TEST_DB_PASSWORD"), unset.getMessage());
        try (var pool = settings.open("t", Map.of("DIM_TEST_DB_PASSWORD", "s3cret-value"))) {
            assertEquals("s3cret-value", pool.getPassword());
            assertFalse(settings.toString().contains("s3cret"), settings.toString());
        }
    }
}
