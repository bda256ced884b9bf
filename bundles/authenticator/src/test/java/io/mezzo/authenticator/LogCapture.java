package io.mezzo.authenticator;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Every record logged under {@code io.mezzo.authenticator}, at every level: System.Logger
 * goes to java.util.logging here, as in the host.
 */
final class LogCapture extends Handler implements AutoCloseable {
    private static final Formatter TEXT = new SimpleFormatter();

    /** Held so that JUL, which keeps loggers weakly, does not drop the level and handler. */
    private final Logger logger = Logger.getLogger("io.mezzo.authenticator");
    private final Level previous = logger.getLevel();
    private final List<LogRecord> records = new ArrayList<>();

    LogCapture() {
        setLevel(Level.ALL);
        logger.setLevel(Level.ALL);
        logger.addHandler(this);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        records.add(record);
    }

    /** Each record as one line: level, logger and the formatted message (and any exception). */
    synchronized List<String> lines() {
        List<String> lines = new ArrayList<>();
        for (LogRecord record : records) {
            String thrown = record.getThrown() == null ? "" : " " + record.getThrown();
            lines.add(record.getLevel() + " " + record.getLoggerName() + " " + TEXT.formatMessage(record) + thrown);
        }
        return lines;
    }

    synchronized List<String> lines(Level level) {
        List<String> lines = new ArrayList<>();
        for (LogRecord record : records) {
            if (record.getLevel().equals(level)) {
                lines.add(TEXT.formatMessage(record));
            }
        }
        return lines;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(previous);
    }
}
