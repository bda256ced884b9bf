package io.mezzo.internal.container;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Records what one class logs through System.Logger (backed by java.util.logging here). */
final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger; // held strongly: JUL keeps loggers only weakly
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LogCapture(Logger logger) {
        this.logger = logger;
        logger.addHandler(this);
    }

    static LogCapture of(Class<?> source) {
        return new LogCapture(Logger.getLogger(source.getName()));
    }

    List<LogRecord> at(Level level) {
        return records.stream().filter(r -> r.getLevel().equals(level)).toList();
    }

    /** Records at {@code level} whose message contains {@code text}. */
    List<LogRecord> at(Level level, String text) {
        return at(level).stream().filter(r -> r.getMessage().contains(text)).toList();
    }

    List<LogRecord> all() {
        return List.copyOf(records);
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
