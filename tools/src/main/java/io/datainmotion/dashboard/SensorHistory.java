package io.datainmotion.dashboard;

import java.util.List;

/** Where one sensor's past windows come from when a person clicks it on the grid. */
@FunctionalInterface
public interface SensorHistory {

    /** At most this many windows, the newest ones. */
    int MAX_WINDOWS = 1_000;

    /** The sensor's newest windows, oldest first. */
    List<DashboardState.SensorWindow> windows(String sensorId) throws Exception;
}
