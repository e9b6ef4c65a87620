package io.datainmotion.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class SqlCommandTest {

    private static String print(boolean csv, List<String> header, List<List<String>> body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        if (csv) {
            SqlCommand.printCsv(header, body, out);
        } else {
            SqlCommand.printTable(header, body, out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aTableAlignsColumnsAndRightAlignsNumbers() {
        String table = print(false, List.of("sensor_id", "windows"),
                List.of(List.of("sensor-7", "12"), Arrays.asList("s-10", null), List.of("sensor-100", "3")));
        assertEquals(String.join("\n",
                " sensor_id  | windows",
                "------------+---------",
                " sensor-7   |      12",
                " s-10       |",
                " sensor-100 |       3",
                "(3 rows)", ""), table);
    }

    @Test
    void csvQuotesOnlyWhatNeedsIt() {
        assertEquals("a,b\n\"x,y\",\"say \"\"hi\"\"\"\n,plain\n",
                print(true, List.of("a", "b"), List.of(List.of("x,y", "say \"hi\""), Arrays.asList(null, "plain"))));
    }
}
