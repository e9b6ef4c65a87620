package io.datainmotion.sensors;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Faults the simulator can inject, each into a random share of the readings. */
public enum Fault {
    /** A required field is left out. */
    MISSING_FIELD,
    /** Temperature or timestamp sent as text. */
    NON_NUMERIC,
    /** Temperature sent as "NaN", the only way JSON can carry it. */
    NAN,
    /** Temperature below absolute zero. */
    IMPOSSIBLE,
    /** The same reading is published twice. */
    DUPLICATE,
    /** Held back a little (up to the configured disorder) behind newer readings. */
    OUT_OF_ORDER,
    /** Held back long enough (the configured delay) for its window to have closed. */
    LATE;

    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Fault fromCliName(String name) {
        for (Fault fault : values()) {
            if (fault.cliName().equals(name.trim())) {
                return fault;
            }
        }
        throw new IllegalArgumentException("unknown fault '" + name + "', expected one of "
                + Arrays.stream(values()).map(Fault::cliName).collect(Collectors.joining(", ")));
    }
}
