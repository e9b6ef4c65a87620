package io.datainmotion.testing;

import java.io.StringWriter;
import java.util.UUID;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Everything logged while it is open: warnings and above from every logger, and everything from
 * the loggers under {@code packageName} (set to DEBUG meanwhile), with stack traces.
 */
public final class CapturedLogs implements AutoCloseable {

    private final StringWriter text = new StringWriter();
    private final String packageName;
    private final Level previousLevel;
    private final WriterAppender appender;

    public CapturedLogs(String packageName) {
        this.packageName = packageName;
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        previousLevel = LogManager.getLogger(packageName).getLevel();
        appender = WriterAppender.newBuilder().setName("captured-" + UUID.randomUUID()).setTarget(text)
                .setLayout(PatternLayout.newBuilder().withPattern("%level %c{1} [%t] %m%n%throwable").build()).build();
        appender.start();
        config.addAppender(appender);
        config.getRootLogger().addAppender(appender, Level.ALL, null);
        Configurator.setLevel(packageName, Level.DEBUG);
        context.updateLoggers();
    }

    public String text() {
        synchronized (text) {
            return text.toString();
        }
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        context.getConfiguration().getRootLogger().removeAppender(appender.getName());
        Configurator.setLevel(packageName, previousLevel);
        context.updateLoggers();
        appender.stop();
    }
}
