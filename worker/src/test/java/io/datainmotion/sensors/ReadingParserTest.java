package io.datainmotion.sensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.datainmotion.records.Outcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ReadingParserTest {

    private final ReadingParser parser = new ReadingParser(1024);

    @Test
    void parsesTheDocumentedFormat() {
        Outcome<SensorReading> result = parser.parse("{\"sensorId\":\"sensor-17\",\"timestamp\":1764000000000,\"temperature\":26.4,\"unit\":\"C\"}");

        assertEquals(Outcome.accepted(new SensorReading("sensor-17", 1764000000000L, 26.4)), result);
    }

    @Test
    void unitIsOptionalAndFahrenheitIsConverted() {
        assertEquals(new SensorReading("s", 5, 21.5), valid("{\"sensorId\":\"s\",\"timestamp\":5,\"temperature\":21.5}"));
        assertEquals(100.0, valid("{\"sensorId\":\"s\",\"timestamp\":5,\"temperature\":212,\"unit\":\"F\"}").temperatureCelsius(), 1e-12);
        assertEquals(-40.0, valid("{\"sensorId\":\"s\",\"timestamp\":5,\"temperature\":-40.0,\"unit\":\"F\"}").temperatureCelsius(), 1e-12);
    }

    @ParameterizedTest(name = "{1}: {0}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                                                                         | EMPTY
            '   '                                                                      | EMPTY
            {"sensorId":"s","timestamp":1,"temperature":20.0                           | INVALID_JSON
            {"sensorId":"s","timestamp":1,"temperature":20.0} trailing                 | INVALID_JSON
            {"sensorId":"s","sensorId":"t","timestamp":1,"temperature":20.0}           | INVALID_JSON
            {"sensorId":"s","timestamp":1,"temperature":NaN}                           | INVALID_JSON
            [1,2,3]                                                                    | NOT_AN_OBJECT
            "a string"                                                                 | NOT_AN_OBJECT
            {"timestamp":1,"temperature":20.0}                                         | MISSING_FIELD
            {"sensorId":"s","temperature":20.0}                                        | MISSING_FIELD
            {"sensorId":"s","timestamp":1}                                             | MISSING_FIELD
            {"sensorId":"s","timestamp":1,"temperature":null}                          | MISSING_FIELD
            {"sensorId":"s","timestamp":1,"temperature":20.0,"humidity":40}            | UNKNOWN_FIELD
            {"sensorId":17,"timestamp":1,"temperature":20.0}                           | WRONG_TYPE
            {"sensorId":"s","timestamp":"yesterday","temperature":20.0}                | WRONG_TYPE
            {"sensorId":"s","timestamp":1.5,"temperature":20.0}                        | WRONG_TYPE
            {"sensorId":"s","timestamp":1,"temperature":"20.0"}                        | WRONG_TYPE
            {"sensorId":"s","timestamp":1,"temperature":true}                          | WRONG_TYPE
            {"sensorId":"s","timestamp":1,"temperature":"NaN"}                         | NOT_FINITE
            {"sensorId":"s","timestamp":1,"temperature":"-Infinity"}                   | NOT_FINITE
            {"sensorId":"s","timestamp":1,"temperature":1e400}                         | NOT_FINITE
            {"sensorId":"s","timestamp":1,"temperature":-273.16}                       | IMPOSSIBLE_TEMPERATURE
            {"sensorId":"s","timestamp":1,"temperature":-500,"unit":"F"}               | IMPOSSIBLE_TEMPERATURE
            {"sensorId":"s","timestamp":1,"temperature":1000.5}                        | IMPOSSIBLE_TEMPERATURE
            {"sensorId":"s","timestamp":1,"temperature":20.0,"unit":"K"}               | BAD_UNIT
            {"sensorId":"s","timestamp":1,"temperature":20.0,"unit":"c"}               | BAD_UNIT
            {"sensorId":"s","timestamp":1,"temperature":20.0,"unit":null}              | BAD_UNIT
            {"sensorId":"s","timestamp":1,"temperature":20.0,"unit":1}                 | BAD_UNIT
            {"sensorId":" ","timestamp":1,"temperature":20.0}                          | BAD_SENSOR_ID
            {"sensorId":"s","timestamp":-1,"temperature":20.0}                         | BAD_TIMESTAMP
            {"sensorId":"s","timestamp":99999999999999999999,"temperature":20.0}       | BAD_TIMESTAMP
            """)
    void rejectsWithAMachineReadableReason(String json, RejectReason expected) {
        Outcome<SensorReading> result = parser.parse(json);

        assertEquals(expected.code(), assertInstanceOf(Outcome.Rejected.class, result).rejection().reason(), json);
    }

    @Test
    void rejectsNullOversizedAndNonUtf8RecordsWithoutParsing() {
        assertEquals(RejectReason.NULL_VALUE.code(), ((Outcome.Rejected<SensorReading>) parser.parse((byte[]) null)).rejection().reason());
        byte[] latin1 = "{\"sensorId\":\"caf\u00e9\",\"timestamp\":1,\"temperature\":20.0}".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals(RejectReason.INVALID_UTF8.code(), ((Outcome.Rejected<SensorReading>) parser.parse(latin1)).rejection().reason());
        assertEquals("invalid-utf8", RejectReason.INVALID_UTF8.code());
        String big = "{\"sensorId\":\"" + "x".repeat(2000) + "\",\"timestamp\":1,\"temperature\":20.0}";
        assertEquals(RejectReason.TOO_LARGE.code(), ((Outcome.Rejected<SensorReading>) parser.parse(big)).rejection().reason());
    }

    @Test
    void boundariesOfThePlausibleRangeAreAccepted() {
        assertEquals(ReadingParser.MIN_CELSIUS,
                valid("{\"sensorId\":\"s\",\"timestamp\":0,\"temperature\":-273.15}").temperatureCelsius());
        assertEquals(ReadingParser.MAX_CELSIUS,
                valid("{\"sensorId\":\"s\",\"timestamp\":0,\"temperature\":1000}").temperatureCelsius());
    }

    private SensorReading valid(String json) {
        return ((Outcome.Accepted<SensorReading>) assertInstanceOf(Outcome.Accepted.class, parser.parse(json))).value();
    }
}
