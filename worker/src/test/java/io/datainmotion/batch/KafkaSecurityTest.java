package io.datainmotion.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class KafkaSecurityTest {

    @Test
    void plaintextNeedsNothingElse() {
        assertEquals(Map.of("security.protocol", "PLAINTEXT"), KafkaSecurity.clientSettings("", "", "", "", "", "", Map.of()));
    }

    @Test
    void saslLoginIsBuiltWithThePasswordFromTheNamedVariable() {
        Map<String, Object> settings = KafkaSecurity.clientSettings("sasl_ssl", "SCRAM-SHA-256", "storm", "KAFKA_PW",
                "/etc/kafka/truststore.jks", "TRUST_PW", Map.of("KAFKA_PW", "p\"w\\d", "TRUST_PW", "changeit"));
        assertEquals(Map.of(
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-256",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required "
                        + "username=\"storm\" password=\"p\\\"w\\\\d\";",
                "ssl.truststore.location", "/etc/kafka/truststore.jks",
                "ssl.truststore.password", "changeit"), settings);
    }

    @Test
    void fluxPropertiesGiveTheSameSettings() {
        Properties properties = new Properties();
        properties.setProperty(KafkaSecurity.PROTOCOL, "SASL_PLAINTEXT");
        properties.setProperty(KafkaSecurity.SASL_MECHANISM, "PLAIN");
        properties.setProperty(KafkaSecurity.SASL_USERNAME, "storm");
        properties.setProperty(KafkaSecurity.SASL_PASSWORD_ENV, "KAFKA_PW");
        assertEquals(KafkaSecurity.clientSettings("SASL_PLAINTEXT", "PLAIN", "storm", "KAFKA_PW", "", "", Map.of("KAFKA_PW", "x")),
                KafkaSecurity.fromProperties(properties, Map.of("KAFKA_PW", "x")));
    }

    @Test
    void anUnsetPasswordVariableIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                KafkaSecurity.clientSettings("SASL_PLAINTEXT", "PLAIN", "storm", "KAFKA_PW", "", "", Map.of()));
        assertEquals("environment variable KAFKA_PW (named by kafka.sasl.password.env) is not set", e.getMessage());
    }

    @Test
    void unknownProtocolsAndMechanismsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> KafkaSecurity.clientSettings("TLS", "", "", "", "", "", Map.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                KafkaSecurity.clientSettings("SASL_SSL", "GSSAPI", "storm", "KAFKA_PW", "", "", Map.of("KAFKA_PW", "x")));
        assertEquals(true, e.getMessage().startsWith("kafka.sasl.mechanism is 'GSSAPI'"), e.getMessage());
    }
}
