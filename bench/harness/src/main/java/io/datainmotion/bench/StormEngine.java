package io.datainmotion.bench;

import java.nio.file.Path;
import java.util.Properties;

import io.datainmotion.topology.FluxTopology;
import io.datainmotion.topology.LocalStorm;

/** Our topology, exactly as bin/dim local runs it: a Flux file and its properties on a LocalCluster. */
final class StormEngine implements Engine {

    private final Path fluxFile;
    private final Properties properties;
    private LocalStorm storm;
    private String name;

    StormEngine(Path fluxFile, Properties properties) {
        this.fluxFile = fluxFile;
        this.properties = properties;
    }

    @Override
    public void start() {
        FluxTopology topology = FluxTopology.load(fluxFile, properties);
        storm = LocalStorm.start();
        storm.submit(topology);
        name = topology.name();
    }

    @Override
    public void close() {
        if (storm != null) {
            storm.kill(name);
            storm.close();
        }
    }
}
