package io.datainmotion.batch;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Kafka client security settings (security.protocol, SASL mechanism and JAAS login, SSL trust store),
 * built in one place for every Kafka client of a topology: the Flux files build them once as a
 * component with {@link #clientSettings} and hand that map to every spout's consumer properties and
 * every sink's producer properties (putAll); the project's own admin clients use {@link #fromProperties}.
 *
 * <p>Secrets never appear in a file: the properties name the environment variable that holds a
 * password, and it is read here, when the topology is built (by {@code bin/dim submit} or
 * {@code storm jar}, on the submitting machine). Flux's own {@code ${ENV-NAME}} is not used because it
 * leaves the placeholder literal when the variable is unset, so every local run would need it, and
 * Flux does not expand it inside a property value.
 */
public final class KafkaSecurity {

    public static final String PROTOCOL = "kafka.security.protocol";
    public static final String SASL_MECHANISM = "kafka.sasl.mechanism";
    public static final String SASL_USERNAME = "kafka.sasl.username";
    public static final String SASL_PASSWORD_ENV = "kafka.sasl.password.env";
    public static final String TRUSTSTORE_LOCATION = "kafka.ssl.truststore.location";
    public static final String TRUSTSTORE_PASSWORD_ENV = "kafka.ssl.truststore.password.env";

    private static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
    private static final Map<String, String> LOGIN_MODULES = Map.of(
            "PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule",
            "SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule",
            "SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule");

    private KafkaSecurity() {}

    /** The Flux factory: reads the named password variables from this process's environment. */
    public static Map<String, Object> clientSettings(String protocol, String saslMechanism, String saslUsername,
                                                     String saslPasswordVariable, String truststoreLocation,
                                                     String truststorePasswordVariable) {
        return clientSettings(protocol, saslMechanism, saslUsername, saslPasswordVariable, truststoreLocation,
                truststorePasswordVariable, System.getenv());
    }

    /** The same settings from Flux properties (the kafka.security.* and kafka.sasl/ssl.* keys above). */
    public static Map<String, Object> fromProperties(Properties properties, Map<String, String> environment) {
        return clientSettings(properties.getProperty(PROTOCOL, ""), properties.getProperty(SASL_MECHANISM, ""),
                properties.getProperty(SASL_USERNAME, ""), properties.getProperty(SASL_PASSWORD_ENV, ""),
                properties.getProperty(TRUSTSTORE_LOCATION, ""), properties.getProperty(TRUSTSTORE_PASSWORD_ENV, ""),
                environment);
    }

    static Map<String, Object> clientSettings(String protocol, String saslMechanism, String saslUsername,
                                              String saslPasswordVariable, String truststoreLocation,
                                              String truststorePasswordVariable, Map<String, String> environment) {
        String securityProtocol = protocol.isBlank() ? "PLAINTEXT" : protocol.strip().toUpperCase(java.util.Locale.ROOT);
        if (!PROTOCOLS.contains(securityProtocol)) {
            throw new IllegalArgumentException(PROTOCOL + " is '" + protocol + "'; expected one of " + PROTOCOLS);
        }
        Map<String, Object> settings = new HashMap<>();
        settings.put("security.protocol", securityProtocol);
        if (securityProtocol.startsWith("SASL_")) {
            String mechanism = saslMechanism.strip();
            String loginModule = LOGIN_MODULES.get(mechanism);
            if (loginModule == null) {
                throw new IllegalArgumentException(SASL_MECHANISM + " is '" + saslMechanism + "'; expected one of "
                        + LOGIN_MODULES.keySet());
            }
            if (saslUsername.isBlank()) {
                throw new IllegalArgumentException(SASL_USERNAME + " is empty but " + PROTOCOL + " is " + securityProtocol);
            }
            String password = secret(SASL_PASSWORD_ENV, saslPasswordVariable, environment);
            settings.put("sasl.mechanism", mechanism);
            settings.put("sasl.jaas.config", loginModule + " required username=\"" + jaasEscaped(saslUsername.strip())
                    + "\" password=\"" + jaasEscaped(password) + "\";");
        }
        if (securityProtocol.endsWith("SSL") && !truststoreLocation.isBlank()) {
            settings.put("ssl.truststore.location", truststoreLocation.strip());
            if (!truststorePasswordVariable.isBlank()) {
                settings.put("ssl.truststore.password", secret(TRUSTSTORE_PASSWORD_ENV, truststorePasswordVariable, environment));
            }
        }
        return settings;
    }

    private static String secret(String key, String variable, Map<String, String> environment) {
        if (variable.isBlank()) {
            throw new IllegalArgumentException(key + " must name the environment variable that holds the password");
        }
        String value = environment.get(variable.strip());
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("environment variable " + variable.strip() + " (named by " + key
                    + ") is not set");
        }
        return value;
    }

    /** JAAS option values are double-quoted strings in which backslash escapes. */
    private static String jaasEscaped(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
