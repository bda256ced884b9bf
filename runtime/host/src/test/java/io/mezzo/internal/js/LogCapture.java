package io.mezzo.internal.js;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Records what the JS runtime logs through System.Logger (java.util.logging underneath). */
final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger; // held strongly: JUL keeps loggers only weakly
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    LogCapture() {
        this.logger = Logger.getLogger(JsFramework.class.getName());
        logger.addHandler(this);
    }

    /** Formatted messages at {@code level}. */
    List<String> at(Level level) {
        return records.stream().filter(r -> r.getLevel().equals(level)).map(this::text).toList();
    }

    private String text(LogRecord r) {
        Object[] params = r.getParameters();
        return params == null ? r.getMessage() : java.text.MessageFormat.format(r.getMessage(), params);
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
